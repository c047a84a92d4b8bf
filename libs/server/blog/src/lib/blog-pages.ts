import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type { FieldViolation } from '@carecast/shared/contracts';
import type { BlogComment, BlogOrganisation, BlogPost, CommentFormValues, CommentThread } from './blog.types';
import { paragraphs } from './blog-text';
import { BlogUrls } from './blog-urls';
import { COMMENT_BODY_MAX, COMMENT_EMAIL_MAX, COMMENT_NAME_MAX } from './blog-comments.service';
import type { BlogIndexPage } from './blog-posts.service';
import { markup, raw, type SafeHtml } from './html';

/** The comment form as it is shown: empty, or again with what was typed and what is wrong. */
export interface CommentFormState {
  values?: CommentFormValues;
  violations?: FieldViolation[];
  /** A problem with the whole submission (e.g. too many comments from one connection). */
  problem?: string;
  /** The visitor's comment was received and awaits moderation. */
  received?: boolean;
}

interface Meta {
  /** The title shared in link previews. */
  title: string;
  /** The window title (names the blog; "Error: …" when the form needs correcting). */
  documentTitle: string;
  description: string;
  canonical: string;
  type: 'website' | 'article';
  image?: { url: string; alt: string };
  publishedAt?: Date;
}

// Readable contrast (all text ≥ 4.5:1 on its background), visible focus, no scripts.
const STYLE = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4b5563;--accent:#0b57d0;--line:#d0d7de;--error:#b42318;--ok:#1a7f37}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:.5rem;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
.site-header{border-bottom:1px solid var(--line);padding:1rem 0}
.site-name{font-weight:700;font-size:1.25rem;margin:0}
.site-name a{color:var(--ink);text-decoration:none}
.site-name a:hover{text-decoration:underline}
main{padding:1.5rem 0 3rem}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 .75rem}
h2{font-size:1.4rem;line-height:1.3;margin:2.5rem 0 .5rem}
h3{font-size:1.15rem;margin:1rem 0 .5rem}
.meta{color:var(--muted);margin:0 0 1rem;font-size:.95rem}
.body{overflow-wrap:break-word}
figure{margin:1.5rem 0}
img{max-width:100%;height:auto;display:block;border-radius:4px}
.posts{list-style:none;padding:0;margin:0}
.posts>li{border-bottom:1px solid var(--line);padding:1.25rem 0}
.posts h2{margin:0 0 .25rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:2rem}
.comments,.comments ol{list-style:none;padding:0;margin:0}
.comments ol{margin-left:.75rem;padding-left:1rem;border-left:3px solid var(--line)}
.comment{padding:.75rem 0}
.comment .body p{margin:.25rem 0}
.author{font-weight:600;margin:0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;background:#e8f0fe;color:#174ea6;border-radius:999px;padding:0 .6rem;margin-left:.4rem}
label{display:block;font-weight:600;margin-top:1.25rem}
.hint{color:var(--muted);margin:.1rem 0 .25rem;font-size:.95rem}
input,textarea{display:block;width:100%;font:inherit;padding:.5rem .6rem;border:2px solid #6b7280;border-radius:4px;color:var(--ink);background:#fff}
textarea{min-height:9rem;resize:vertical}
[aria-invalid=true]{border-color:var(--error)}
.field-error{color:var(--error);font-weight:600;margin:.25rem 0}
button{margin-top:1.25rem;font:inherit;font-weight:600;padding:.6rem 1.25rem;border:2px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
button:hover{background:#0842a0}
.notice{border-left:4px solid var(--ok);background:#eef8f0;padding:.75rem 1rem;margin:1rem 0}
.error-summary{border:3px solid var(--error);padding:.75rem 1rem;margin:1rem 0}
.error-summary h3{margin-top:0}
.hp{display:none}
.site-footer{border-top:1px solid var(--line);padding:1.5rem 0 2.5rem;color:var(--muted);font-size:.95rem}
.site-footer p{margin:.25rem 0}
`;

/** The public pages of a practice's Carecast blog: semantic, accessible, script-free HTML. */
@Injectable()
export class BlogPages {
  private readonly urls: BlogUrls;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'http'>) {
    this.urls = new BlogUrls(config.http.publicUrl);
  }

  index(site: BlogOrganisation, index: BlogIndexPage): string {
    const blogName = `${site.name} blog`;
    const items = index.posts.map(
      (p) => markup`
<li><article>
<h2><a href="${this.urls.post(site.slug, p.slug)}">${p.title}</a></h2>
<p class="meta">${this.date(site, p.publishedAt)}</p>
<p>${p.excerpt}</p>
</article></li>`,
    );
    const newer =
      index.page > 1
        ? markup`<a href="${this.urls.index(site.slug, index.page - 1)}" rel="prev">Newer posts</a>`
        : markup`<span></span>`;
    const older =
      index.page < index.pages
        ? markup`<a href="${this.urls.index(site.slug, index.page + 1)}" rel="next">Older posts</a>`
        : '';
    const body = markup`
<h1>${blogName}</h1>
${index.page > 1 ? markup`<p class="meta">Page ${index.page} of ${index.pages}</p>` : ''}
${items.length ? markup`<ol class="posts">${items}\n</ol>` : markup`<p>No posts yet. Please check back soon.</p>`}
${index.pages > 1 ? markup`<nav class="pager" aria-label="More posts">${newer}${older}</nav>` : ''}`;
    return this.layout(site, body, {
      title: blogName,
      documentTitle: index.page > 1 ? `${blogName} – page ${index.page}` : blogName,
      description: `News and health information from ${site.name}.`,
      canonical: this.urls.url(this.urls.index(site.slug, index.page)),
      type: 'website',
    });
  }

  post(
    site: BlogOrganisation,
    post: BlogPost,
    threads: CommentThread[],
    form: CommentFormState = {},
  ): string {
    const images = post.images.map(
      (image, i) => markup`
<figure><img src="${this.urls.media(site.slug, image.id)}" alt="${image.altText}"${raw(i > 0 ? ' loading="lazy"' : '')}></figure>`,
    );
    const count = countOf(threads);
    const body = markup`
<article>
<h1>${post.title}</h1>
<p class="meta">${this.date(site, post.publishedAt)}</p>
<div class="body">${raw(post.bodyHtml)}</div>${images}
</article>
<section aria-labelledby="comments-title">
<h2 id="comments-title">Comments${count ? ` (${count})` : ''}</h2>
${
  count
    ? markup`<ol class="comments">${threads.map((t) => this.thread(site, t))}\n</ol>`
    : markup`<p>No comments yet.</p>`
}
</section>
${this.commentForm(site, post, form)}`;
    const image = post.images[0];
    const failed = Boolean(form.problem || form.violations?.length);
    return this.layout(site, body, {
      title: post.title,
      documentTitle: `${failed ? 'Error: ' : ''}${post.title} – ${site.name} blog`,
      description: post.excerpt,
      canonical: this.urls.url(this.urls.post(site.slug, post.slug)),
      type: 'article',
      image: image
        ? { url: this.urls.url(this.urls.media(site.slug, image.id)), alt: image.altText }
        : undefined,
      publishedAt: post.publishedAt,
    });
  }

  /** A friendly page for an address with nothing behind it (a blog that is off, a removed post). */
  notFound(site?: BlogOrganisation): string {
    return this.plainPage(
      'Page not found',
      markup`
<h1>We can’t find that page</h1>
<p>The address may be mistyped, or the page may have been taken down.</p>
${
  site
    ? markup`<p><a href="${this.urls.index(site.slug)}">Go to the ${site.name} blog</a></p>`
    : markup`<p>If you followed a link from a practice, please let them know.</p>`
}`,
    );
  }

  /** Something went wrong on our side. */
  failure(): string {
    return this.plainPage(
      'Something went wrong',
      markup`
<h1>Something went wrong</h1>
<p>The page could not be shown just now. Please try again in a few minutes.</p>`,
    );
  }

  /** Too many requests from one connection (a page, not a form). */
  tooManyRequests(): string {
    return this.plainPage(
      'Too many requests',
      markup`
<h1>Too many requests</h1>
<p>Your connection has asked for many pages in a short time. Please wait a minute and try again.</p>`,
    );
  }

  private thread(site: BlogOrganisation, t: CommentThread): SafeHtml {
    return markup`
<li class="comment" id="comment-${t.comment.id}">
${this.comment(site, t.comment)}${
      t.replies.length ? markup`\n<ol>${t.replies.map((r) => this.thread(site, r))}\n</ol>` : ''
    }
</li>`;
  }

  private comment(site: BlogOrganisation, c: BlogComment): SafeHtml {
    const badge = c.fromPractice ? markup` <span class="badge">Practice</span>` : '';
    return markup`<p class="author">${c.authorName}${badge}</p>
<p class="meta">${this.date(site, c.createdAt)}</p>
<div class="body">${raw(paragraphs(c.body))}</div>`;
  }

  private commentForm(site: BlogOrganisation, post: BlogPost, form: CommentFormState): SafeHtml {
    const values = form.values ?? { name: '', email: '', comment: '' };
    const violations = form.violations ?? [];
    const problems = [
      ...(form.problem ? [markup`<li>${form.problem}</li>`] : []),
      ...violations.map((v) => markup`<li><a href="#comment-${v.field}">${v.message}</a></li>`),
    ];
    const field = (name: keyof CommentFormValues, hint?: string) => {
      const error = violations.find((v) => v.field === name)?.message;
      const describedBy = [hint ? `comment-${name}-hint` : '', error ? `comment-${name}-error` : '']
        .filter(Boolean)
        .join(' ');
      return {
        notes: markup`${hint ? markup`\n<p class="hint" id="comment-${name}-hint">${hint}</p>` : ''}${
          error ? markup`\n<p class="field-error" id="comment-${name}-error">${error}</p>` : ''
        }`,
        attrs: markup`${describedBy ? markup` aria-describedby="${describedBy}"` : ''}${
          error ? raw(' aria-invalid="true"') : ''
        }`,
      };
    };
    const name = field('name');
    const email = field(
      'email',
      'Optional. Never shown on the blog; the practice may use it to answer you privately.',
    );
    const comment = field('comment', 'Please do not share personal health details here.');
    const received = form.received
      ? markup`
<p class="notice" role="status" id="comment-status">Thank you! Your comment was received and awaits moderation: it will appear here once the practice approves it.</p>`
      : '';
    const summary = problems.length
      ? markup`
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h3 id="error-summary-title">Your comment was not sent</h3>
<ul>${problems}</ul>
</div>`
      : '';
    return markup`
<section aria-labelledby="comment-form-title">
<h2 id="comment-form-title">Leave a comment</h2>
<p>Comments appear once the practice has read them. To discuss your own care, please contact the practice directly. In an emergency, call 911.</p>${received}${summary}
<form method="post" action="${this.urls.comments(site.slug, post.slug)}">
<label for="comment-name">Name</label>${name.notes}
<input id="comment-name" name="name" type="text" autocomplete="name" required maxlength="${COMMENT_NAME_MAX}" value="${values.name}"${name.attrs}>
<label for="comment-email">Email (optional)</label>${email.notes}
<input id="comment-email" name="email" type="email" autocomplete="email" maxlength="${COMMENT_EMAIL_MAX}" value="${values.email}"${email.attrs}>
<label for="comment-comment">Comment</label>${comment.notes}
<textarea id="comment-comment" name="comment" rows="6" required maxlength="${COMMENT_BODY_MAX}"${comment.attrs}>${values.comment}</textarea>
<div class="hp" aria-hidden="true">
<label for="comment-website">Leave this field empty</label>
<input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off">
</div>
<button type="submit">Send comment</button>
</form>
</section>`;
  }

  private date(site: BlogOrganisation, at: Date): SafeHtml {
    const label = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: site.timeZone }).format(at);
    return markup`<time datetime="${at.toISOString()}">${label}</time>`;
  }

  private layout(site: BlogOrganisation, content: SafeHtml, meta: Meta): string {
    const blogName = `${site.name} blog`;
    const rss = this.urls.url(this.urls.rss(site.slug));
    const atom = this.urls.url(this.urls.atom(site.slug));
    const image = meta.image;
    const published = meta.publishedAt
      ? markup`
<meta property="article:published_time" content="${meta.publishedAt.toISOString()}">`
      : '';
    const ogImage = image
      ? markup`
<meta property="og:image" content="${image.url}">
<meta property="og:image:alt" content="${image.alt}">`
      : '';
    const twitterImage = image
      ? markup`
<meta name="twitter:image" content="${image.url}">
<meta name="twitter:image:alt" content="${image.alt}">`
      : '';
    return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.documentTitle}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${meta.canonical}">
<link rel="alternate" type="application/rss+xml" title="${blogName} (RSS)" href="${rss}">
<link rel="alternate" type="application/atom+xml" title="${blogName} (Atom)" href="${atom}">
<meta property="og:site_name" content="${blogName}">
<meta property="og:type" content="${meta.type}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${meta.canonical}">
<meta property="og:locale" content="en_US">${ogImage}${published}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">${twitterImage}
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap"><p class="site-name"><a href="${this.urls.index(site.slug)}">${blogName}</a></p></div></header>
<main id="main" class="wrap">${content}
</main>
<footer class="site-footer"><div class="wrap">
<p>Published by ${site.name}. Information here is general and is not medical advice; in an emergency, call 911.</p>
<p>Follow this blog: <a href="${rss}">RSS feed</a> · <a href="${atom}">Atom feed</a></p>
</div></footer>
</body>
</html>
`.value;
  }

  private plainPage(title: string, content: SafeHtml): string {
    return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main id="main" class="wrap">${content}
</main>
</body>
</html>
`.value;
  }
}

function countOf(threads: CommentThread[]): number {
  return threads.reduce((n, t) => n + 1 + countOf(t.replies), 0);
}
