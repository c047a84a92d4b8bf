import type { FacebookState } from '../facebook/facebook-state';
import type { WordPressState } from '../wordpress/wordpress-state';
import type { XState } from '../x/x-state';
import { facebookSection } from './facebook-section';
import { SafeHtml, html } from './html';
import { wordpressSection } from './wordpress-section';
import { xSection } from './x-section';

export interface SandboxStates {
  x: XState;
  facebook: FacebookState;
  wordpress: WordPressState;
}

/** What the page says after a form was sent: a confirmation (by code) or what went wrong. */
export type HomeNotice = { done: string } | { error: string } | null;

const CONFIRMATIONS: Record<string, string> = {
  'x-mention': 'Mention posted on X.',
  'facebook-comment': 'Comment added on Facebook.',
  'wordpress-comment': 'Comment added on WordPress.',
};

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5561; --line: #d5dbe2; --accent: #0b5cad;
  --bg: #f5f7fa; --card: #fff; --tint: #eef4fb; --warn-bg: #fdecea; --warn: #8a1c12; --ok-bg: #e7f5ec; --ok: #14532d; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 0 0 .25rem; }
h3 { font-size: 1.15rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p { margin: .25rem 0; }
code { font-size: .9em; background: #e9edf2; padding: .05em .3em; border-radius: 4px; overflow-wrap: anywhere; }
nav ul { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; gap: 1rem; flex-wrap: wrap; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin: 1.25rem 0; }
.api, .hint, .meta, .handle { color: var(--muted); font-size: .9rem; }
.handle { font-weight: normal; margin-left: .35rem; }
.account { border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 1rem; }
.items { list-style: none; padding: 0; margin: 0; }
.item { border-left: 3px solid var(--line); padding: .4rem .75rem; margin: .5rem 0; }
.item:target { border-left-color: var(--accent); background: var(--tint); }
.item .text, .item .title { overflow-wrap: anywhere; }
.item .title { font-weight: 600; }
.by { font-weight: 600; font-size: .95rem; }
.deleted > .text, .deleted > .title { text-decoration: line-through; color: var(--muted); }
.replies { margin-left: 1.25rem; }
.comments { margin-top: .4rem; }
.comments summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .45em; border-radius: 999px; background: #e3ecf7; color: #0b3d75; }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.none, .empty { color: var(--muted); font-style: italic; }
.inject { background: var(--tint); border: 1px solid #c9d9ec; border-radius: 8px; padding: 1rem; margin-top: 1.25rem; }
.field { margin: .75rem 0; }
label { display: block; font-weight: 600; margin-bottom: .2rem; }
.req { font-weight: normal; color: var(--muted); font-size: .85rem; }
input, select, textarea { font: inherit; width: 100%; max-width: 36rem; padding: .45rem .55rem; border: 1px solid #8795a4; border-radius: 6px; background: #fff; color: var(--ink); }
button { font: inherit; font-weight: 600; padding: .5rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
button:hover { background: #084a8c; }
.notice { border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0 0; overflow-wrap: anywhere; }
.notice.ok, .notice.error { font-weight: 600; }
.notice.info { background: var(--card); border: 1px solid var(--line); }
.notice.ok { background: var(--ok-bg); color: var(--ok); border: 1px solid #9fd3b1; }
.notice.error { background: var(--warn-bg); color: var(--warn); border: 1px solid #f1aca4; }
footer { padding-bottom: 2rem; color: var(--muted); font-size: .9rem; }
`;

function noticeOf(states: SandboxStates, notice: HomeNotice): SafeHtml {
  if (!notice) return html``;
  if ('error' in notice) {
    return html`<p class="notice error" role="alert">Nothing was added: ${notice.error}</p>`;
  }
  const text = CONFIRMATIONS[notice.done];
  if (!text) return html``;
  const subscription = states.facebook.webhook.subscription;
  const webhook =
    notice.done === 'facebook-comment' && subscription
      ? ` A signed webhook notification is on its way to ${subscription.url}.`
      : '';
  return html`<p class="notice ok" role="status">${text}${webhook}</p>`;
}

/** Shown while some platform has no account yet: where accounts come from. */
function whereAccountsComeFrom(states: SandboxStates): SafeHtml {
  const someEmpty =
    !states.x.listAccounts().length || !states.facebook.pages.size || !states.wordpress.sites.size;
  if (!someEmpty) return html``;
  return html`<p class="notice info">
    Accounts appear here when something creates them: <code>npm start</code> connects the demo organisation
    (Riverside Family Medicine) to an X account, a Facebook page and a WordPress blog in this sandbox every
    time it starts; tests and scripts create their own through the control APIs.
  </p>`;
}

/** The sandbox's home page: what each fake account published, and forms to add mentions and comments. */
export function renderHome(states: SandboxStates, notice: HomeNotice = null): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Carecast platform sandbox</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>Carecast platform sandbox</h1>
          <p>
            A local stand-in for X, Facebook and WordPress, so Carecast can be tried and tested without real
            accounts. Below is what each fake account has published, newest first; the forms add a mention or
            a comment as if someone else had written it. Everything lives in memory and is gone when the
            sandbox stops.
          </p>
          <nav aria-label="Platforms">
            <ul>
              <li><a href="#x">X</a></li>
              <li><a href="#facebook">Facebook</a></li>
              <li><a href="#wordpress">WordPress</a></li>
            </ul>
          </nav>
          ${noticeOf(states, notice)} ${whereAccountsComeFrom(states)}
        </header>
        <main>
          ${xSection(states.x)} ${facebookSection(states.facebook)} ${wordpressSection(states.wordpress)}
        </main>
        <footer>
          <p>
            <a href="/health">Health</a> (JSON) · tests and scripts drive the same state through the control
            APIs under <code>/_sandbox/x</code>, <code>/_sandbox/facebook</code> and
            <code>/_sandbox/wordpress</code>.
          </p>
        </footer>
      </body>
    </html> `.value;
}
