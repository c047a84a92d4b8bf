import { type XState, compareIds } from '../x/x-state';
import type { XAccount, XTweet } from '../x/x-types';
import { type SafeHtml, count, excerpt, html, multiline, timeOf } from './html';

export const X_MENTION_FORM_PATH = '/_sandbox/ui/x/mentions';

const newestFirst = (tweets: XTweet[]) => [...tweets].sort((a, b) => compareIds(b.id, a.id));

function authorOf(state: XState, tweet: XTweet): string {
  const author = state.findUser(tweet.authorId);
  return author ? `${author.name} (@${author.username})` : `user ${tweet.authorId}`;
}

function replyNote(state: XState, tweet: XTweet): SafeHtml | null {
  const repliedTo = tweet.referencedTweets?.find((r) => r.type === 'replied_to')?.id;
  if (!repliedTo) return null;
  const original = state.findTweet(repliedTo);
  const to = original ? state.findUser(original.authorId) : undefined;
  return html`<span class="badge">Reply</span> to
    ${to ? `@${to.username}` : 'a deleted post'}${
      original ? html`: <q>${excerpt(original.text, 60)}</q>` : ''
    }`;
}

function tweetItem(state: XState, tweet: XTweet, showAuthor: boolean): SafeHtml {
  const media = tweet.mediaIds?.length ?? 0;
  const reply = replyNote(state, tweet);
  return html`<li id="tweet-${tweet.id}" class="item${tweet.deleted ? ' deleted' : ''}">
    ${showAuthor ? html`<p class="by">${authorOf(state, tweet)}</p>` : ''}
    <p class="text">${multiline(tweet.text)}</p>
    <p class="meta">
      ${timeOf(tweet.createdAt)} · id
      ${tweet.id}${
        tweet.deleted ? html` · <span class="badge warn">Deleted</span>` : ''
      }${media ? html` · ${count(media, 'media file')}` : ''}
    </p>
    ${reply ? html`<p class="meta">${reply}</p>` : ''}
  </li>`;
}

function tweetList(state: XState, tweets: XTweet[], showAuthor: boolean, empty: string): SafeHtml {
  if (!tweets.length) return html`<p class="empty">${empty}</p>`;
  return html`<ol class="items">
    ${newestFirst(tweets).map((t) => tweetItem(state, t, showAuthor))}
  </ol>`;
}

function accountArticle(state: XState, account: XAccount): SafeHtml {
  const posted = state.tweetsBy(account.id);
  const mentions = state.mentionsOf(account.id);
  return html`<article class="account" aria-labelledby="x-account-${account.id}">
    <h3 id="x-account-${account.id}">${account.name} <span class="handle">@${account.username}</span></h3>
    <h4>Posted (${posted.length})</h4>
    ${tweetList(state, posted, false, 'Nothing posted yet.')}
    <h4>Mentions (${mentions.length})</h4>
    ${tweetList(state, mentions, true, 'No mentions yet: post one with the form below.')}
  </article>`;
}

function mentionForm(state: XState, accounts: XAccount[]): SafeHtml {
  const replyable = newestFirst(accounts.flatMap((a) => [...state.tweetsBy(a.id), ...state.mentionsOf(a.id)]))
    .filter((t, i, all) => !t.deleted && all.findIndex((o) => o.id === t.id) === i)
    .slice(0, 50);
  return html`<form
    class="inject"
    method="post"
    action="${X_MENTION_FORM_PATH}"
    aria-labelledby="x-form-title"
  >
    <h3 id="x-form-title">Post a mention of an account on X</h3>
    <p class="hint">As someone else: Carecast finds it the next time it reads the account's mentions.</p>
    <div class="field">
      <label for="x-account">Account to mention</label>
      <select id="x-account" name="account" required>
        ${accounts.map((a) => html`<option value="${a.id}">@${a.username}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="x-author-name">Author name</label>
      <input id="x-author-name" name="authorName" autocomplete="off" placeholder="e.g. Jordan Lee" />
    </div>
    <div class="field">
      <label for="x-author-handle">Author handle <span class="req">(required)</span></label>
      <input
        id="x-author-handle"
        name="authorUsername"
        required
        autocomplete="off"
        maxlength="16"
        pattern="@?[A-Za-z0-9_]{1,15}"
        placeholder="e.g. jordan_lee"
        aria-describedby="x-author-handle-hint"
      />
      <p class="hint" id="x-author-handle-hint">Letters, digits and underscores, up to 15.</p>
    </div>
    <div class="field">
      <label for="x-text">Text <span class="req">(required)</span></label>
      <textarea
        id="x-text"
        name="text"
        required
        maxlength="280"
        rows="3"
        aria-describedby="x-text-hint"
      ></textarea>
      <p class="hint" id="x-text-hint">The @handle is added in front if the text does not contain it.</p>
    </div>
    <div class="field">
      <label for="x-reply">In reply to <span class="req">(optional)</span></label>
      <select id="x-reply" name="inReplyToTweetId">
        <option value="">Not a reply</option>
        ${replyable.map(
          (t) => html`<option value="${t.id}">${excerpt(`${authorOf(state, t)}: ${t.text}`, 90)}</option>`,
        )}
      </select>
    </div>
    <button type="submit">Post mention</button>
  </form>`;
}

export function xSection(state: XState): SafeHtml {
  const accounts = state.listAccounts();
  return html`<section id="x" aria-labelledby="x-title">
    <h2 id="x-title">X</h2>
    <p class="api">API v2 at <code>/2</code> · control API at <code>/_sandbox/x</code></p>
    ${
      accounts.length
        ? html`${accounts.map((a) => accountArticle(state, a))}${mentionForm(state, accounts)}`
        : html`<p class="empty">No X account yet.</p>`
    }
  </section>`;
}
