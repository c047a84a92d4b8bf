import type { Finding } from '@carecast/shared/contracts';
import { finding } from '../text/finding';
import { matchesOf } from '../text/text-scope';
import { HASHTAG_WORDS } from './hashtag-words';

/**
 * Multi-word hashtags in CamelCase (X2): a screen reader reads #FluShotFacts as three words and
 * #flushotfacts as gibberish. A hashtag in one case throughout that splits entirely into known
 * words warns, with the CamelCase spelling as the fix.
 */

const HASHTAG = /(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]{4,60})/gu;

export function hashtagFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matchesOf(HASHTAG, text)) {
    const body = m[1];
    const oneCase = body === body.toLowerCase() || body === body.toUpperCase();
    if (!oneCase) continue;
    const lower = body.toLowerCase();
    if (HASHTAG_WORDS.has(lower)) continue;
    const parts = splitWords(lower);
    if (!parts || parts.length < 2) continue;
    const camel = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
    out.push(
      finding(
        'a11y.hashtag_case',
        'warn',
        field,
        text,
        m.index,
        m.index + m[0].length,
        `Screen readers cannot tell the words apart in ${m[0]}.`,
        `Write it as #${camel}.`,
      ),
    );
  }
  return out;
}

/** The split into the fewest known words (digits kept as their own part), or null. */
export function splitWords(s: string): string[] | null {
  const best: Array<string[] | null> = new Array(s.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= s.length; end++) {
    for (let start = Math.max(0, end - 20); start < end; start++) {
      const prev = best[start];
      if (!prev) continue;
      const piece = s.slice(start, end);
      const known = HASHTAG_WORDS.has(piece) || /^\d+$/.test(piece);
      if (!known) continue;
      const candidate = [...prev, piece];
      const current = best[end];
      if (!current || candidate.length < current.length) best[end] = candidate;
    }
  }
  return best[s.length];
}
