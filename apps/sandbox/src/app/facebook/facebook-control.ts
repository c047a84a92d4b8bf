import express, { type Request, type Response, Router } from 'express';
import { randomInt } from 'node:crypto';
import { addComment } from './facebook-engagement';
import { addFault } from './facebook-faults';
import {
  DEFAULT_PAGE_TASKS,
  type FacebookComment,
  type FacebookPost,
  type FacebookState,
  createPage,
  createUser,
  nextFacebookId,
  resetFacebookState,
} from './facebook-state';
import { parseSubscription, subscribeWebhook, subscriptionView } from './facebook-subscription';
import { commentView, publishedView } from './facebook-views';
import { deliverNotification, feedNotification, verifySubscription } from './facebook-webhooks';

type Body = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function bad(res: Response, message: string, status = 400): void {
  res.status(status).json({ error: 'bad_request', message });
}

function createPageRoute(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const name = str(body['name']);
    if (!name) return bad(res, 'name is required');
    const tasks = Array.isArray(body['tasks']) ? body['tasks'].map(String) : DEFAULT_PAGE_TASKS;
    const existing = [...state.users.values()].find((u) => u.token === str(body['userToken']));
    const user = existing ?? createUser(state, str(body['userName']));
    const page = createPage(state, user, name, tasks);
    res
      .status(201)
      .json({ pageId: page.id, pageToken: page.token, userId: user.id, userToken: user.token, tasks });
  };
}

function expireToken(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const token = state.tokens.get(str(body['token']) ?? '');
    if (!token) return bad(res, 'unknown token', 404);
    token.invalidSubcode = typeof body['subcode'] === 'number' ? body['subcode'] : 463;
    res.json({ expired: true, subcode: token.invalidSubcode });
  };
}

export interface VisitorCommentInput {
  postId?: string;
  message?: string;
  from?: { id?: string; name?: string };
  parentId?: string;
  createdTime?: string;
}

/**
 * A visitor's comment on a page post (or reply to a comment), as the control API and the
 * sandbox's home page add it; a problem comes back as `{status, message}`.
 */
export function injectVisitorComment(
  state: FacebookState,
  input: VisitorCommentInput,
): FacebookComment | { status: number; message: string } {
  const post = state.posts.get(str(input.postId) ?? '');
  if (!post || post.deleted) return { status: 404, message: 'unknown postId' };
  const message = str(input.message);
  if (!message) return { status: 400, message: 'message is required' };
  const from = {
    id: str(input.from?.id) ?? String(9000000000000 + randomInt(999999)),
    name: str(input.from?.name) ?? 'A Patient',
  };
  const parentId = str(input.parentId);
  if (parentId && !state.comments.has(parentId)) return { status: 404, message: 'unknown parentId' };
  const created = str(input.createdTime);
  return addComment(state, post.id, message, from, parentId, created ? new Date(created) : undefined);
}

/** A visitor's post on a page's feed (not the page's own: `/published_posts` leaves it out). */
function injectVisitorPost(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const page = state.pages.get(str(body['pageId']) ?? '');
    if (!page) return bad(res, 'unknown pageId', 404);
    const message = str(body['message']);
    if (!message) return bad(res, 'message is required');
    const from = (body['from'] ?? {}) as { id?: string; name?: string };
    const created = str(body['createdTime']);
    const localId = nextFacebookId(state);
    const post: FacebookPost = {
      id: `${page.id}_${localId}`,
      pageId: page.id,
      localId,
      message,
      published: true,
      createdTime: created ? new Date(created) : new Date(),
      deleted: false,
      from: {
        id: str(from.id) ?? String(9000000000000 + randomInt(999999)),
        name: str(from.name) ?? 'A Visitor',
      },
    };
    state.posts.set(post.id, post);
    res.status(201).json(publishedView(post));
  };
}

function injectComment(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const comment = injectVisitorComment(state, {
      ...(body as VisitorCommentInput),
      from: (body['from'] ?? {}) as VisitorCommentInput['from'],
    });
    if ('status' in comment) return bad(res, comment.message, comment.status);
    res.status(201).json(commentView(state, comment, ['id', 'message', 'created_time', 'from', 'parent']));
  };
}

/**
 * Sets how many people reacted to or shared a page post (Facebook gets these from other people,
 * so only the control API makes them happen); the body's number is `count` or the counter's name.
 */
function setPostCounter(state: FacebookState, counter: 'reactions' | 'shares') {
  return (req: Request, res: Response) => {
    const post = state.posts.get(String(req.params['postId']));
    if (!post || post.deleted) return bad(res, 'unknown postId', 404);
    const body = req.body as Body;
    const value = body[counter] ?? body['count'];
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0))
      return bad(res, `${counter} (or count) must be a whole number >= 0`);
    post[counter] = value;
    res.json({ postId: post.id, [counter]: value });
  };
}

function subscribe(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const subscription = parseSubscription(body['url'], body['appSecret']);
    if (typeof subscription === 'string') return bad(res, subscription);
    subscribeWebhook(state, subscription);
    res.json(subscriptionView(state));
  };
}

function deliverWebhook() {
  return async (req: Request, res: Response) => {
    const body = req.body as Body;
    const url = str(body['url']);
    const appSecret = str(body['appSecret']);
    const pageId = str(body['pageId']);
    if (!url || !appSecret || !pageId) return bad(res, 'url, appSecret and pageId are required');
    const unix = (value: unknown) =>
      typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    const time = unix(body['time']);
    const notification = feedNotification(
      {
        pageId,
        item: str(body['item']) ?? 'comment',
        verb: str(body['verb']) ?? 'add',
        postId: str(body['postId']),
        commentId: str(body['commentId']),
        parentId: str(body['parentId']),
        message: str(body['message']),
        from: body['from'] as { id: string; name: string } | undefined,
        createdTime: unix(body['createdTime']) ?? time,
      },
      time,
    );
    try {
      res.json(await deliverNotification(url, appSecret, notification));
    } catch (err) {
      res.status(502).json({ error: 'unreachable', message: (err as Error).message });
    }
  };
}

function verifyWebhook() {
  return async (req: Request, res: Response) => {
    const body = req.body as Body;
    const url = str(body['url']);
    const verifyToken = str(body['verifyToken']);
    if (!url || !verifyToken) return bad(res, 'url and verifyToken are required');
    const challenge = str(body['challenge']) ?? String(randomInt(1_000_000_000));
    try {
      res.json(await verifySubscription(url, verifyToken, challenge));
    } catch (err) {
      res.status(502).json({ error: 'unreachable', message: (err as Error).message });
    }
  };
}

/** The test-only control API under `/_sandbox/facebook`. */
export function createFacebookControl(state: FacebookState): Router {
  const router = Router();
  router.use(express.json());
  router.post('/users', (req, res) => {
    const user = createUser(state, str((req.body as Body)['name']));
    res.status(201).json({ userId: user.id, userToken: user.token });
  });
  router.post('/pages', createPageRoute(state));
  router.post('/tokens/expire', expireToken(state));
  router.post('/faults', (req, res) => {
    const fault = addFault(state, req.body as Body);
    if (typeof fault === 'string') return bad(res, fault);
    res.status(201).json(fault);
  });
  router.delete('/faults', (_req, res) => {
    state.faults = [];
    res.json({ cleared: true });
  });
  router.post('/comments', injectComment(state));
  router.post('/visitor-posts', injectVisitorPost(state));
  router.post('/posts/:postId/reactions', setPostCounter(state, 'reactions'));
  router.post('/posts/:postId/shares', setPostCounter(state, 'shares'));
  router.get('/pages/:pageId/published', (req, res) => {
    const posts = [...state.posts.values()].filter((p) => p.pageId === req.params.pageId);
    res.json({ posts: posts.map(publishedView) });
  });
  router.post('/webhook-deliveries', deliverWebhook());
  router.post('/webhook-verify', verifyWebhook());
  router.get('/subscription', (_req, res) => res.json(subscriptionView(state)));
  router.post('/subscription', subscribe(state));
  router.delete('/subscription', (_req, res) => {
    subscribeWebhook(state, null);
    res.json(subscriptionView(state));
  });
  router.post('/reset', (_req, res) => {
    resetFacebookState(state);
    res.json({ reset: true });
  });
  return router;
}
