import type { WordPressState, WpComment, WpPost, WpSite } from '../wordpress/wordpress-state';
import { type SafeHtml, count, excerpt, html, multiline, plainText, timeOf } from './html';

export const WORDPRESS_COMMENT_FORM_PATH = '/_sandbox/ui/wordpress/comments';

const STATUS_LABELS: Record<string, string> = {
  future: 'Scheduled',
  draft: 'Draft',
  pending: 'Pending review',
  private: 'Private',
  trash: 'In the trash',
};

/** Posts a visitor can comment on (WordPress refuses drafts and trashed posts). */
export function isCommentable(post: WpPost): boolean {
  return post.status !== 'trash' && post.status !== 'draft';
}

function postsOf(site: WpSite): WpPost[] {
  return [...site.posts.values()].sort((a, b) => b.dateGmt.getTime() - a.dateGmt.getTime() || b.id - a.id);
}

function commentItem(site: WpSite, comment: WpComment, replies: Map<number, WpComment[]>): SafeHtml {
  const answers = [...(replies.get(comment.id) ?? [])].sort((a, b) => a.id - b.id);
  return html`<li id="wp-${site.name}-comment-${comment.id}" class="item">
    <p class="by">${comment.authorName}</p>
    <p class="text">${multiline(plainText(comment.content))}</p>
    <p class="meta">
      ${timeOf(comment.dateGmt)} · id
      ${comment.id}${
        comment.status === 'hold' ? html` · <span class="badge warn">Held for moderation</span>` : ''
      }
    </p>
    ${
      answers.length
        ? html`<ol class="items replies" aria-label="Replies">
            ${answers.map((r) => commentItem(site, r, replies))}
          </ol>`
        : ''
    }
  </li>`;
}

function commentThread(site: WpSite, post: WpPost): SafeHtml {
  const comments = [...site.comments.values()].filter((c) => c.post === post.id);
  if (!comments.length) return html``;
  const replies = new Map<number, WpComment[]>();
  for (const c of comments) {
    if (c.parent) replies.set(c.parent, [...(replies.get(c.parent) ?? []), c]);
  }
  const topLevel = comments.filter((c) => !c.parent).sort((a, b) => b.id - a.id);
  return html`<details class="comments" open>
    <summary>${count(comments.length, 'comment')}</summary>
    <ol class="items">
      ${topLevel.map((c) => commentItem(site, c, replies))}
    </ol>
  </details>`;
}

function postItem(site: WpSite, post: WpPost): SafeHtml {
  const status = STATUS_LABELS[post.status];
  const body = excerpt(plainText(post.content), 280);
  return html`<li
    id="wp-${site.name}-post-${post.id}"
    class="item${post.status === 'trash' ? ' deleted' : ''}"
  >
    <p class="title">${plainText(post.title) || html`<span class="none">(no title)</span>`}</p>
    ${body ? html`<p class="text">${body}</p>` : ''}
    <p class="meta">
      ${timeOf(post.dateGmt)} · id
      ${post.id}${
        status ? html` · <span class="badge${post.status === 'trash' ? ' warn' : ''}">${status}</span>` : ''
      }${post.featuredMedia ? ' · featured image' : ''}
    </p>
    ${commentThread(site, post)}
  </li>`;
}

function siteArticle(site: WpSite): SafeHtml {
  const posts = postsOf(site);
  return html`<article class="account" aria-labelledby="wp-site-${site.name}">
    <h3 id="wp-site-${site.name}">${site.title} <span class="handle">/wp/${site.name}</span></h3>
    <h4>Posts (${posts.length})</h4>
    ${
      posts.length
        ? html`<ol class="items">
            ${posts.map((p) => postItem(site, p))}
          </ol>`
        : html`<p class="empty">Nothing posted yet.</p>`
    }
  </article>`;
}

function commentForm(sites: WpSite[]): SafeHtml {
  const groups = sites
    .map((site) => ({ site, posts: postsOf(site).filter(isCommentable) }))
    .filter((g) => g.posts.length);
  const title = html`<h3 id="wp-form-title">Comment on a WordPress post</h3>`;
  if (!groups.length) {
    return html`<div class="inject">
      ${title}
      <p class="empty">No published post to comment on yet.</p>
    </div>`;
  }
  return html`<form
    class="inject"
    method="post"
    action="${WORDPRESS_COMMENT_FORM_PATH}"
    aria-labelledby="wp-form-title"
  >
    ${title}
    <p class="hint">As a visitor of the blog: Carecast finds it when it reads the site's comments.</p>
    <div class="field">
      <label for="wp-post">Post <span class="req">(required)</span></label>
      <select id="wp-post" name="post" required>
        ${groups.map(
          (g) =>
            html`<optgroup label="${g.site.title}">
              ${g.posts.map(
                (p) =>
                  html`<option value="${g.site.name}/${p.id}">
                    ${excerpt(plainText(p.title) || `Post ${p.id}`, 90)}
                  </option>`,
              )}
            </optgroup>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="wp-author">Author name</label>
      <input
        id="wp-author"
        name="authorName"
        autocomplete="off"
        placeholder="e.g. Ana (default: A Visitor)"
      />
    </div>
    <div class="field">
      <label for="wp-content">Comment <span class="req">(required)</span></label>
      <textarea id="wp-content" name="content" required maxlength="8000" rows="3"></textarea>
    </div>
    <button type="submit">Add comment</button>
  </form>`;
}

export function wordpressSection(state: WordPressState): SafeHtml {
  const sites = [...state.sites.values()];
  return html`<section id="wordpress" aria-labelledby="wordpress-title">
    <h2 id="wordpress-title">WordPress</h2>
    <p class="api">
      Each site at <code>/wp/{site}</code> (REST API under <code>/wp/{site}/wp-json</code>) · control API at
      <code>/_sandbox/wordpress</code>
    </p>
    ${
      sites.length
        ? html`${sites.map((s) => siteArticle(s))}${commentForm(sites)}`
        : html`<p class="empty">No WordPress site yet.</p>`
    }
  </section>`;
}
