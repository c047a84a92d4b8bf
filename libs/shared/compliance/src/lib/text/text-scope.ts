/**
 * How far a sentence is followed either side of what was found: a "sentence" longer than this (a
 * text with no full stops) is cut there, so each finding reads a bounded stretch of text.
 */
const MAX_SENTENCE_REACH = 500;

/** Where the sentence holding [start, end) begins and ends (sentence ends: . ! ? and line breaks). */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  const first = Math.max(0, start - MAX_SENTENCE_REACH);
  while (s > first) {
    const ch = text[s - 1];
    if (
      ch === '\n' ||
      ((ch === '.' || ch === '!' || ch === '?') &&
        /\s/.test(text[s] ?? ' ') &&
        !abbreviationBefore(text, s - 1))
    )
      break;
    s--;
  }
  let e = end;
  const last = Math.min(text.length, end + MAX_SENTENCE_REACH);
  while (e < last) {
    const ch = text[e];
    if (ch === '\n') break;
    if (
      (ch === '.' || ch === '!' || ch === '?') &&
      /\s/.test(text[e + 1] ?? ' ') &&
      !abbreviationBefore(text, e)
    ) {
      e++;
      break;
    }
    e++;
  }
  return { start: s, end: e };
}

const ABBREVIATIONS =
  /(?:^|[\s(])(?:mr|mrs|ms|dr|dra|drs|sr|sra|srta|prof|lic|st|jr|mt|no|vs|etc|dob|d\.o\.b|ave|blvd|rd|apt|[a-z])$/i;

/** Is the full stop at `dot` the end of an abbreviation (Dr., Mrs., St.) rather than a sentence? */
function abbreviationBefore(text: string, dot: number): boolean {
  if (text[dot] !== '.') return false;
  return ABBREVIATIONS.test(text.slice(Math.max(0, dot - 8), dot));
}

/** The text from `before` characters before start to `after` characters after end, within the paragraph. */
export function around(text: string, start: number, end: number, before: number, after: number): string {
  let s = Math.max(0, start - before);
  let e = Math.min(text.length, end + after);
  const para1 = text.lastIndexOf('\n\n', start);
  if (para1 >= s) s = para1 + 2;
  const para2 = text.indexOf('\n\n', end);
  if (para2 !== -1 && para2 < e) e = para2;
  return text.slice(s, e);
}

/** Every match of a global regular expression, with its index. */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new Error('matchesOf needs a global regular expression');
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** A regular expression matching any of the phrases as whole words (spaces match any whitespace). */
export function phraseRegex(phrases: readonly string[], flags = 'giu'): RegExp {
  const alternatives = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, flags);
}

/** Half-open ranges overlap. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const NOT_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}_])`;
const NOT_WORD_AFTER = String.raw`(?![\p{L}\p{N}_])`;

/**
 * The same regular expression with `\b` meaning a boundary of letters in any alphabet (JavaScript's
 * `\b` knows only ASCII, so "nació" would have no boundary after its "ó"). A `\b` before a word
 * becomes "no letter before", one after a word "no letter after" — cheaper than a two-sided
 * boundary, which matters on texts checked at every keystroke.
 */
export function unicodeWords(re: RegExp): RegExp {
  const flags = re.flags.includes('u') ? re.flags : `${re.flags}u`;
  const source = re.source.replace(/(?<!\\)\\b(?=(.?.?.?))/g, (_m, next: string) =>
    /^\(\?[!=]/.test(next) || !/^(?:[([\p{L}\p{N}#]|\\[pdw])/u.test(next) ? NOT_WORD_AFTER : NOT_WORD_BEFORE,
  );
  return new RegExp(source, flags);
}
