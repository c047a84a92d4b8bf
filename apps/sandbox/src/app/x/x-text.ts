/** Weighted length of a post as twitter-text (v3 config) counts it: URLs 23, CJK and emoji 2. */
export const MAX_WEIGHTED_LENGTH = 280;
const URL_WEIGHT = 23;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s]+/gi;
/** Code point ranges weighted 1 in twitter-text's v3 configuration; everything else weighs 2. */
const LIGHT_RANGES: ReadonlyArray<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

export function weightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  const urls = normalized.match(URL_PATTERN) ?? [];
  const rest = normalized.replace(URL_PATTERN, '');
  let length = urls.length * URL_WEIGHT;
  for (const char of rest) length += codePointWeight(char.codePointAt(0) ?? 0);
  return length;
}

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}
