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

/** A link's target, quoted, inside its tag. */
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/**
 * A tag as spaces; a link keeps where it goes (`mailto:…`, `https://…`) in place, since it is
 * published with the article and the privacy checks must read it.
 */
function blankTagKeepingHref(tag: string): string {
  const href = /^<a\b/i.test(tag) ? HREF.exec(tag) : null;
  const target = href ? (href[1] ?? href[2]) : '';
  if (!href || !target) return ' '.repeat(tag.length);
  const at = href.index + href[0].length - target.length - 1;
  return ' '.repeat(at) + target + ' '.repeat(tag.length - at - target.length);
}

export function htmlToPlainKeepingOffsets(html: string): string {
  return html
    .replace(/<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, (m) => ' '.repeat(m.length))
    .replace(/<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article)\b[^<>]*>/gi, (m) =>
      // A block boundary ends a sentence for the checks that read sentences.
      '\n'.padEnd(m.length, ' '),
    )
    .replace(/<[^<>]*>/g, blankTagKeepingHref)
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
