/**
 * The readable text of an HTML body with every character at its original offset: tags become
 * spaces and an entity becomes its character followed by spaces, so spans found in the result
 * point at the same characters in the HTML.
 */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
};

export function htmlToPlainKeepingOffsets(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (m) => ' '.repeat(m.length))
    .replace(/<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article)\b[^>]*>/gi, (m) =>
      // A block boundary ends a sentence for the checks that read sentences.
      '\n'.padEnd(m.length, ' '),
    )
    .replace(/<[^>]*>/g, (m) => ' '.repeat(m.length))
    .replace(/&(#?[a-z0-9]+);/gi, (m, name: string) => {
      const lower = name.toLowerCase();
      let ch = ENTITIES[lower];
      if (!ch && lower.startsWith('#')) {
        const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
        ch = Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
        if (ch.length > m.length) ch = ' ';
      }
      return (ch ?? m[0]).padEnd(m.length, ' ');
    });
}
