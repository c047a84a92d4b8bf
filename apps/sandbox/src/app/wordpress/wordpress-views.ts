import { type WpContext, restUrl, wpDate } from './wordpress-context';
import { texturize } from './wordpress-format';
import type { WpComment, WpMedia, WpPost, WpUser } from './wordpress-state';

/** A cut-down `wpautop`: blank-line separated paragraphs become `<p>` elements. */
export function autop(text: string): string {
  if (!text.trim()) return '';
  if (/<(p|div|h\d|ul|ol|figure)[\s>]|<!-- wp:/i.test(text)) return `${text}\n`;
  return text
    .split(/\n\s*\n/)
    .map((para) => `<p>${para.trim().replace(/\n/g, '<br />\n')}</p>\n`)
    .join('\n');
}

export function postLink(c: WpContext, post: WpPost): string {
  const pretty = post.status === 'publish' && post.slug && !c.plain && c.site.permalinks === 'pretty';
  return pretty ? `${c.siteUrl}/${post.slug}/` : `${c.siteUrl}/?p=${post.id}`;
}

export function postView(c: WpContext, post: WpPost, edit: boolean) {
  const raw = <T extends object>(value: T, rawText: string) => (edit ? { raw: rawText, ...value } : value);
  return {
    id: post.id,
    date: wpDate(post.dateGmt),
    date_gmt: wpDate(post.dateGmt),
    guid: raw({ rendered: `${c.siteUrl}/?p=${post.id}` }, `${c.siteUrl}/?p=${post.id}`),
    modified: wpDate(post.modifiedGmt),
    modified_gmt: wpDate(post.modifiedGmt),
    slug: post.slug,
    status: post.status,
    type: 'post',
    link: postLink(c, post),
    title: raw({ rendered: texturize(post.title).trim() }, post.title),
    content: raw({ rendered: autop(post.content), protected: false, block_version: 0 }, post.content),
    excerpt: raw({ rendered: autop(post.excerpt), protected: false }, post.excerpt),
    author: post.author,
    featured_media: post.featuredMedia,
    comment_status: 'open',
    ping_status: 'open',
    sticky: false,
    template: '',
    format: 'standard',
    meta: { footnotes: '' },
    categories: post.categories,
    tags: post.tags,
    _links: { self: [{ href: restUrl(c, `/wp/v2/posts/${post.id}`) }] },
  };
}

export function mediaView(c: WpContext, media: WpMedia) {
  return {
    id: media.id,
    date: wpDate(media.dateGmt),
    date_gmt: wpDate(media.dateGmt),
    guid: {
      rendered: `${c.siteUrl}/wp-content/uploads/${media.path}`,
      raw: `${c.siteUrl}/wp-content/uploads/${media.path}`,
    },
    slug: sanitizeName(media.title),
    status: 'inherit',
    type: 'attachment',
    link: `${c.siteUrl}/?attachment_id=${media.id}`,
    title: { raw: media.title, rendered: media.title },
    author: media.author,
    caption: { raw: media.caption, rendered: autop(media.caption) },
    alt_text: media.altText,
    media_type: media.mimeType.startsWith('image/') ? 'image' : 'file',
    mime_type: media.mimeType,
    media_details: { filesize: media.data.length },
    post: media.post,
    source_url: `${c.siteUrl}/wp-content/uploads/${media.path}`,
    _links: { self: [{ href: restUrl(c, `/wp/v2/media/${media.id}`) }] },
  };
}

function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function commentView(c: WpContext, comment: WpComment, postUrl: string, edit: boolean) {
  const avatar = 'https://secure.gravatar.com/avatar/?s=%d&d=mm&r=g';
  return {
    id: comment.id,
    post: comment.post,
    parent: comment.parent,
    author: comment.author,
    author_name: comment.authorName,
    ...(edit ? { author_email: comment.authorEmail } : {}),
    author_url: '',
    date: wpDate(comment.dateGmt),
    date_gmt: wpDate(comment.dateGmt),
    // Rendered the way comment_text() does: texturised (curly quotes, `&#038;`), in paragraphs.
    content: edit
      ? { rendered: autop(texturize(comment.content)), raw: comment.content }
      : { rendered: autop(texturize(comment.content)) },
    link: `${postUrl}#comment-${comment.id}`,
    status: comment.status,
    type: 'comment',
    author_avatar_urls: Object.fromEntries(
      [24, 48, 96].map((s) => [String(s), avatar.replace('%d', String(s))]),
    ),
    meta: [],
    _links: { self: [{ href: restUrl(c, `/wp/v2/comments/${comment.id}`) }] },
  };
}

/** `GET /wp/v2/users/me` (view context). */
export function userView(c: WpContext, user: WpUser) {
  return {
    id: user.id,
    name: user.username,
    url: '',
    description: '',
    link: `${c.siteUrl}/author/${user.username}/`,
    slug: user.username,
    avatar_urls: {},
    meta: [],
    _links: { self: [{ href: restUrl(c, `/wp/v2/users/${user.id}`) }] },
  };
}
