/**
 * How WordPress turns stored text into what its REST API returns: the subset of `wptexturize`,
 * `convert_chars`, `wp_filter_kses` and `_wp_specialchars` that Carecast's texts meet. The sandbox
 * must be at least as strict as WordPress: whatever WordPress changes, this changes too.
 */

/** A bare `&` (not the start of an entity). */
const BARE_AMP = /&(?!#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi;

/** `_wp_specialchars` without double encoding: how term names are stored. */
function specialChars(text: string): string {
  return text.replace(BARE_AMP, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `sanitize_text_field` + `_wp_specialchars`: a term name as WordPress stores it. */
export function storedTermName(name: string): string {
  const noTags = name.replace(/<[^>]*>?/g, '');
  return specialChars(noTags.replace(/[\r\n\t ]+/g, ' ').trim());
}

const VISITOR_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'blockquote',
  'cite',
  'code',
  'del',
  'em',
  'i',
  'q',
  's',
  'strike',
  'strong',
]);

/**
 * `wp_filter_kses` for someone without `unfiltered_html` (visitors, authors): tags outside the
 * comment allow-list are dropped (a script's text too), attributes other than a link's href and
 * title are dropped, and bare `&` becomes `&amp;`.
 */
export function ksesComment(html: string): string {
  const withoutScripts = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const tags = withoutScripts.replace(
    /<\/?([a-z][a-z0-9]*)\b([^>]*)>/gi,
    (whole, tag: string, attrs: string) => {
      const name = tag.toLowerCase();
      if (!VISITOR_TAGS.has(name)) return '';
      if (whole.startsWith('</')) return `</${name}>`;
      const kept =
        name === 'a'
          ? [...attrs.matchAll(/\b(href|title)\s*=\s*("[^"]*"|'[^']*')/gi)]
              .filter(([, , v]) => !/^["']\s*javascript:/i.test(v))
              .map(([, k, v]) => ` ${k.toLowerCase()}=${v}`)
              .join('')
          : '';
      return `<${name}${kept}>`;
    },
  );
  return tags.replace(BARE_AMP, '&amp;').replace(/<(?![a-z/])/gi, '&lt;');
}

/** `wptexturize` + `convert_chars` on the text between tags: curly quotes, dashes, `&#038;`. */
export function texturize(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : texturizeText(part)))
    .join('');
}

function texturizeText(text: string): string {
  return text
    .replace(/---/g, '&#8212;')
    .replace(/ -- /g, ' &#8212; ')
    .replace(/--/g, '&#8211;')
    .replace(/\.\.\./g, '&#8230;')
    .replace(/(^|[\s([{"-])'/g, '$1&#8216;')
    .replace(/'/g, '&#8217;')
    .replace(/(^|[\s([{-])"/g, '$1&#8220;')
    .replace(/"/g, '&#8221;')
    .replace(BARE_AMP, '&#038;');
}
