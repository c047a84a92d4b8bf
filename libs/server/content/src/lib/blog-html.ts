import sanitizeHtml from 'sanitize-html';

/**
 * The markup a blog article's body may hold: paragraphs, headings, emphasis, lists, quotes and
 * ordinary links; the same set the Carecast blog shows, so what is approved is what is
 * published. Everything else (scripts, styles, event handlers, images, frames, forms, `javascript:`
 * links) is removed with its attributes; `<b>` and `<i>` become `<strong>` and `<em>`.
 */
const BLOG_BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Their content goes too (not only the tags).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
  transformTags: {
    b: 'strong',
    i: 'em',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
};

/** A blog body kept to the safe set of tags; blank when nothing but markup was left. */
export function sanitizeBlogHtml(markup: string): string {
  const clean = sanitizeHtml(markup, BLOG_BODY_POLICY).trim();
  return clean.replace(/<[^>]*>/g, '').trim() === '' ? '' : clean;
}
