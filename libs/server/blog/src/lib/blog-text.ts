import sanitizeHtml from 'sanitize-html';
import slugify from 'slugify';
import { escapeHtml } from './html';

export const SLUG_MAX_LENGTH = 80;
export const TITLE_MAX_LENGTH = 120;
export const EXCERPT_MAX_LENGTH = 240;

/** Shorten at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/** The title of a post: the one given, else the first line of its text. */
export function titleOf(text: string, title?: string | null): string {
  const given = title?.trim();
  if (given) return truncate(given, 300);
  const firstLine = text.split('\n').find((line) => line.trim()) ?? '';
  return truncate(firstLine, TITLE_MAX_LENGTH);
}

/** The address part of a post's URL: lower-case ASCII words joined by hyphens ("post" if none). */
export function slugOf(title: string): string {
  // Angle brackets would otherwise be spelt out ("less", "greater").
  const words = slugify(title.replace(/[<>]/g, ' '), { lower: true, strict: true, locale: 'en' })
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!words) return 'post';
  if (words.length <= SLUG_MAX_LENGTH) return words;
  const cut = words.slice(0, SLUG_MAX_LENGTH + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > SLUG_MAX_LENGTH / 2 ? cut.slice(0, hyphen) : cut.slice(0, SLUG_MAX_LENGTH)).replace(
    /-$/,
    '',
  );
}

/** The n-th alternative of a slug taken by another post: `slug`, `slug-2`, `slug-3`… */
export function numberedSlug(slug: string, n: number): string {
  if (n <= 1) return slug;
  const suffix = `-${n}`;
  return `${slug.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-$/, '')}${suffix}`;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Plain text to HTML paragraphs (blank lines between them, line breaks kept), all of it escaped. */
export function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** The only markup a post body may hold: paragraphs, emphasis, lists and ordinary links. */
export function sanitizeBody(markup: string): string {
  return sanitizeHtml(markup, BODY_POLICY);
}

/** The HTML body of a post made from its text and its link. */
export function bodyHtmlOf(text: string, link?: string | null): string {
  const linkParagraph = link ? `\n<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : '';
  return sanitizeBody(paragraphs(text) + linkParagraph);
}

/** A short plain-text summary for listings, feeds and link previews. */
export function excerptOf(text: string, title: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // Do not repeat the title when it is the first line of the text.
  const rest = lines[0] && title.startsWith(lines[0].slice(0, 40)) ? lines.slice(1) : lines;
  return truncate((rest.length ? rest : lines).join(' '), EXCERPT_MAX_LENGTH);
}

/** An http(s) URL, or null for anything else (javascript:, relative, malformed). */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
