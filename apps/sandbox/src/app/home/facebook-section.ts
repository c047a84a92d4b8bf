import { FACEBOOK_GRAPH_BASE_PATH } from '../facebook/facebook-emulator';
import type { FacebookComment, FacebookPage, FacebookPost, FacebookState } from '../facebook/facebook-state';
import { type SafeHtml, count, excerpt, html, multiline, timeOf } from './html';

export const FACEBOOK_COMMENT_FORM_PATH = '/_sandbox/ui/facebook/comments';

function newestFirst<T extends { createdTime: Date; id: string }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => b.createdTime.getTime() - a.createdTime.getTime() || b.id.localeCompare(a.id),
  );
}

/** Published now, or scheduled for a time that has come: what visitors can see and comment on. */
export function isVisible(post: FacebookPost): boolean {
  return (
    !post.deleted &&
    (post.published ||
      (post.scheduledPublishTime !== undefined && post.scheduledPublishTime * 1000 <= Date.now()))
  );
}

function postsOf(state: FacebookState, page: FacebookPage): FacebookPost[] {
  return newestFirst([...state.posts.values()].filter((p) => p.pageId === page.id));
}

function postStatus(post: FacebookPost): SafeHtml {
  if (post.deleted) return html` · <span class="badge warn">Deleted</span>`;
  if (isVisible(post)) return html``;
  if (post.scheduledPublishTime !== undefined) {
    return html` · <span class="badge">Scheduled</span> for
      ${timeOf(new Date(post.scheduledPublishTime * 1000))}`;
  }
  return html` · <span class="badge">Unpublished</span>`;
}

function commentItem(
  page: FacebookPage,
  comment: FacebookComment,
  replies: Map<string, FacebookComment[]>,
): SafeHtml {
  const answers = [...(replies.get(comment.id) ?? [])].sort(
    (a, b) => a.createdTime.getTime() - b.createdTime.getTime(),
  );
  const byPage = comment.from.id === page.id;
  return html`<li id="fb-comment-${comment.id}" class="item${comment.deleted ? ' deleted' : ''}">
    <p class="by">${comment.from.name}${byPage ? html` <span class="badge">Page</span>` : ''}</p>
    <p class="text">${multiline(comment.message)}</p>
    <p class="meta">
      ${timeOf(comment.createdTime)} · id
      ${comment.id}${
        comment.isHidden ? html` · <span class="badge warn">Hidden</span>` : ''
      }${comment.deleted ? html` · <span class="badge warn">Deleted</span>` : ''}
    </p>
    ${
      answers.length
        ? html`<ol class="items replies" aria-label="Replies">
            ${answers.map((r) => commentItem(page, r, replies))}
          </ol>`
        : ''
    }
  </li>`;
}

function commentThread(state: FacebookState, page: FacebookPage, post: FacebookPost): SafeHtml {
  const comments = [...state.comments.values()].filter((c) => c.postId === post.id);
  if (!comments.length) return html``;
  const replies = new Map<string, FacebookComment[]>();
  for (const c of comments) {
    if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  }
  const topLevel = newestFirst(comments.filter((c) => !c.parentId));
  return html`<details class="comments" open>
    <summary>${count(comments.length, 'comment')}</summary>
    <ol class="items">
      ${topLevel.map((c) => commentItem(page, c, replies))}
    </ol>
  </details>`;
}

function postItem(state: FacebookState, page: FacebookPage, post: FacebookPost): SafeHtml {
  const photos = (post.photoUrl ? 1 : 0) + (post.attachedPhotos?.length ?? 0);
  return html`<li id="fb-post-${post.id}" class="item${post.deleted ? ' deleted' : ''}">
    <p class="text">${post.message ? multiline(post.message) : html`<span class="none">(no text)</span>`}</p>
    ${post.link ? html`<p class="meta">Link: <code>${post.link}</code></p>` : ''}
    <p class="meta">
      ${timeOf(post.createdTime)} · id
      ${post.id}${postStatus(post)}${photos ? html` · ${count(photos, 'photo')}` : ''}
    </p>
    ${commentThread(state, page, post)}
  </li>`;
}

function pageArticle(state: FacebookState, page: FacebookPage): SafeHtml {
  const posts = postsOf(state, page);
  return html`<article class="account" aria-labelledby="fb-page-${page.id}">
    <h3 id="fb-page-${page.id}">${page.name} <span class="handle">page ${page.id}</span></h3>
    <h4>Posts (${posts.length})</h4>
    ${
      posts.length
        ? html`<ol class="items">
            ${posts.map((p) => postItem(state, page, p))}
          </ol>`
        : html`<p class="empty">Nothing posted yet. Visitors can comment once the page has a post.</p>`
    }
  </article>`;
}

function webhookStatus(state: FacebookState): SafeHtml {
  const { subscription, deliveries } = state.webhook;
  if (!subscription) {
    return html`<p class="hint">
      Webhook: off. Set <code>SANDBOX_FACEBOOK_WEBHOOK_URL</code> and
      <code>SANDBOX_FACEBOOK_APP_SECRET</code> (or <code>POST /_sandbox/facebook/subscription</code>) and
      every new comment is also sent there as a signed <code>feed</code> notification.
    </p>`;
  }
  const last = deliveries[0];
  const outcome = !last
    ? 'nothing sent yet'
    : last.error
      ? `last delivery failed: ${last.error}`
      : last.status === null
        ? 'last delivery in flight'
        : `last delivery answered ${last.status}`;
  return html`<p class="hint">
    Webhook: every new comment is sent as a signed <code>feed</code> notification to
    <code>${subscription.url}</code> (${outcome}).
  </p>`;
}

function commentForm(state: FacebookState, pages: FacebookPage[]): SafeHtml {
  const groups = pages
    .map((page) => ({ page, posts: postsOf(state, page).filter(isVisible) }))
    .filter((g) => g.posts.length);
  const title = html`<h3 id="fb-form-title">Comment on a Facebook page post</h3>`;
  if (!groups.length) {
    return html`<div class="inject">
      ${title}
      <p class="empty">No published post to comment on yet.</p>
    </div>`;
  }
  return html`<form
    class="inject"
    method="post"
    action="${FACEBOOK_COMMENT_FORM_PATH}"
    aria-labelledby="fb-form-title"
  >
    ${title}
    <p class="hint">As a visitor of the page: Carecast finds it when it reads the post's comments.</p>
    <div class="field">
      <label for="fb-post">Post <span class="req">(required)</span></label>
      <select id="fb-post" name="postId" required>
        ${groups.map(
          (g) =>
            html`<optgroup label="${g.page.name}">
              ${g.posts.map(
                (p) => html`<option value="${p.id}">${excerpt(p.message ?? p.link ?? p.id, 90)}</option>`,
              )}
            </optgroup>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="fb-author">Author name</label>
      <input
        id="fb-author"
        name="authorName"
        autocomplete="off"
        placeholder="e.g. Sam Patel (default: A Patient)"
      />
    </div>
    <div class="field">
      <label for="fb-message">Message <span class="req">(required)</span></label>
      <textarea id="fb-message" name="message" required maxlength="8000" rows="3"></textarea>
    </div>
    <button type="submit">Add comment</button>
  </form>`;
}

export function facebookSection(state: FacebookState): SafeHtml {
  const pages = [...state.pages.values()];
  return html`<section id="facebook" aria-labelledby="facebook-title">
    <h2 id="facebook-title">Facebook</h2>
    <p class="api">
      Graph API at <code>${FACEBOOK_GRAPH_BASE_PATH}</code> · control API at <code>/_sandbox/facebook</code>
    </p>
    ${
      pages.length
        ? html`${pages.map((p) => pageArticle(state, p))}${commentForm(state, pages)}${webhookStatus(state)}`
        : html`<p class="empty">No Facebook page yet.</p>`
    }
  </section>`;
}
