import express, { type Request, type Response, Router } from 'express';
import { injectVisitorComment as commentOnFacebook } from '../facebook/facebook-control';
import { injectVisitorComment as commentOnWordPress } from '../wordpress/wordpress-control';
import { injectMention } from '../x/x-control';
import { type HomeNotice, type SandboxStates, renderHome } from './home-page';

/** The page is script-free and only posts to itself: say so to the browser. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendPage(res: Response, status: number, states: SandboxStates, notice: HomeNotice): void {
  res
    .status(status)
    .set({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .type('html')
    .send(renderHome(states, notice));
}

/** A text field of a form post (the first, if sent twice), trimmed; '' when absent. */
function field(req: Request, name: string): string {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/**
 * The sandbox's home page for people (`GET /`) and its forms (`POST /_sandbox/ui/...`, form
 * encoded). The forms change the state through the same functions as the JSON control APIs, then
 * answer 303 back to the page with a confirmation; a refused form answers 400 with the page and
 * the reason.
 */
export function createHomeRouter(states: SandboxStates): Router {
  const router = Router();
  const refuse = (res: Response, error: string) => sendPage(res, 400, states, { error });

  router.get('/', (req, res) => {
    const done = req.query['done'];
    sendPage(res, 200, states, typeof done === 'string' ? { done } : null);
  });

  const forms = Router();
  forms.use(express.urlencoded({ extended: false, limit: '64kb' }));

  forms.post('/x/mentions', (req, res) => {
    const handle = field(req, 'authorUsername').replace(/^@/, '');
    if (!/^[A-Za-z0-9_]{1,15}$/.test(handle)) {
      return refuse(res, 'the author handle needs 1 to 15 letters, digits or underscores.');
    }
    if (!field(req, 'text')) return refuse(res, 'write the text of the mention.');
    const tweet = injectMention(states.x, {
      account: field(req, 'account'),
      authorUsername: handle,
      authorName: field(req, 'authorName') || undefined,
      text: field(req, 'text'),
      inReplyToTweetId: field(req, 'inReplyToTweetId') || undefined,
    });
    if (typeof tweet === 'string') return refuse(res, tweet);
    res.redirect(303, `/?done=x-mention#tweet-${tweet.id}`);
  });

  forms.post('/facebook/comments', (req, res) => {
    if (!field(req, 'message')) return refuse(res, 'write the message of the comment.');
    const comment = commentOnFacebook(states.facebook, {
      postId: field(req, 'postId'),
      message: field(req, 'message'),
      from: { name: field(req, 'authorName') },
    });
    if ('status' in comment) return refuse(res, `${comment.message}.`);
    res.redirect(303, `/?done=facebook-comment#fb-comment-${comment.id}`);
  });

  forms.post('/wordpress/comments', (req, res) => {
    if (!field(req, 'content')) return refuse(res, 'write the comment.');
    const [site = '', post = ''] = field(req, 'post').split('/');
    const comment = commentOnWordPress(states.wordpress, site, {
      post,
      content: field(req, 'content'),
      author_name: field(req, 'authorName'),
    });
    if ('message' in comment) return refuse(res, `${comment.message}.`);
    res.redirect(303, `/?done=wordpress-comment#wp-${site}-comment-${comment.id}`);
  });

  router.use('/_sandbox/ui', forms);
  return router;
}
