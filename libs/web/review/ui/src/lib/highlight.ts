import type { Finding } from '@carecast/shared/contracts';

/** A piece of a text: plain, or words a finding points at (with the findings' messages). */
export interface TextSegment {
  text: string;
  /** The messages of the findings covering these words; empty for plain text. */
  findings: string[];
  /** Words a blocking finding points at (marked more strongly than a warning). */
  blocking: boolean;
}

/**
 * Cuts `text` into plain pieces and pieces the findings of `field` point at (their spans), so
 * the offending words can be marked where they stand. Overlapping spans are merged; spans
 * outside the text are ignored.
 */
export function highlightSegments(text: string, findings: readonly Finding[], field: string): TextSegment[] {
  const marks = findings
    .flatMap((f) =>
      f.field === field && f.span && f.span.end > f.span.start && f.span.start < text.length
        ? [
            {
              start: Math.max(0, f.span.start),
              end: Math.min(text.length, f.span.end),
              message: f.message,
              blocking: f.severity === 'block',
            },
          ]
        : [],
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (let i = 0; i < marks.length;) {
    const start = Math.max(at, marks[i].start);
    let end = marks[i].end;
    const group = [marks[i++]];
    while (i < marks.length && marks[i].start < end) {
      end = Math.max(end, marks[i].end);
      group.push(marks[i++]);
    }
    if (end <= start) continue;
    if (start > at) segments.push({ text: text.slice(at, start), findings: [], blocking: false });
    segments.push({
      text: text.slice(start, end),
      findings: [...new Set(group.map((g) => g.message))],
      blocking: group.some((g) => g.blocking),
    });
    at = end;
  }
  if (at < text.length || segments.length === 0)
    segments.push({ text: text.slice(at), findings: [], blocking: false });
  return segments;
}

/** Cuts a comment into plain pieces and the @mentions of the people it names. */
export function mentionSegments(
  text: string,
  names: readonly string[],
): Array<{ text: string; mention: boolean }> {
  const wanted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [{ text, mention: false }];
  const escaped = wanted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`@(?:${escaped.join('|')})`, 'g');
  const pieces: Array<{ text: string; mention: boolean }> = [];
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), mention: false });
    pieces.push({ text: match[0], mention: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mention: false });
  return pieces;
}
