import express, { type Request, type Response, Router } from 'express';
import { randomInt } from 'node:crypto';
import { addComment } from './facebook-engagement';
import { addFault } from './facebook-faults';
import {
  DEFAULT_PAGE_TASKS,
  type FacebookState,
  createPage,
  createUser,
  resetFacebookState,
} from './facebook-state';
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

function injectComment(state: FacebookState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const post = state.posts.get(str(body['postId']) ?? '');
    if (!post || post.deleted) return bad(res, 'unknown postId', 404);
    const message = str(body['message']);
    if (!message) return bad(res, 'message is required');
    const fromInput = (body['from'] ?? {}) as Body;
    const from = {
      id: str(fromInput['id']) ?? String(9000000000000 + randomInt(999999)),
      name: str(fromInput['name']) ?? 'A Patient',
    };
    const parentId = str(body['parentId']);
    if (parentId && !state.comments.has(parentId)) return bad(res, 'unknown parentId', 404);
    const created = str(body['createdTime']);
    const comment = addComment(
      state,
      post.id,
      message,
      from,
      parentId,
      created ? new Date(created) : undefined,
    );
    res.status(201).json(commentView(state, comment, ['id', 'message', 'created_time', 'from', 'parent']));
  };
}

function deliverWebhook() {
  return async (req: Request, res: Response) => {
    const body = req.body as Body;
    const url = str(body['url']);
    const appSecret = str(body['appSecret']);
    const pageId = str(body['pageId']);
    if (!url || !appSecret || !pageId) return bad(res, 'url, appSecret and pageId are required');
    const notification = feedNotification({
      pageId,
      item: str(body['item']) ?? 'comment',
      verb: str(body['verb']) ?? 'add',
      postId: str(body['postId']),
      commentId: str(body['commentId']),
      parentId: str(body['parentId']),
      message: str(body['message']),
      from: body['from'] as { id: string; name: string } | undefined,
    });
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
  router.get('/pages/:pageId/published', (req, res) => {
    const posts = [...state.posts.values()].filter((p) => p.pageId === req.params.pageId);
    res.json({ posts: posts.map(publishedView) });
  });
  router.post('/webhook-deliveries', deliverWebhook());
  router.post('/webhook-verify', verifyWebhook());
  router.post('/reset', (_req, res) => {
    resetFacebookState(state);
    res.json({ reset: true });
  });
  return router;
}
