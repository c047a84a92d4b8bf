import express, { type Request, type Response, Router } from 'express';
import { addComment } from './wordpress-comments';
import { addWpFault } from './wordpress-faults';
import { ksesComment } from './wordpress-format';
import { parseWpDate } from './wordpress-post-input';
import {
  type WordPressState,
  type WpComment,
  type WpUser,
  addUser,
  createSite,
  resetWordPressState,
} from './wordpress-state';

type Body = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const ROLES = ['administrator', 'editor', 'author', 'contributor', 'subscriber'];

function bad(res: Response, message: string, status = 400): void {
  res.status(status).json({ error: 'bad_request', message });
}

function createSiteRoute(state: WordPressState) {
  return (req: Request, res: Response) => {
    const body = req.body as Body;
    const name = str(body['site']);
    if (!name || !/^[a-z0-9-]+$/.test(name))
      return bad(res, 'site must be lowercase letters, digits and dashes');
    const role = str(body['role']) ?? 'administrator';
    if (!ROLES.includes(role)) return bad(res, `role must be one of ${ROLES.join(', ')}`);
    const permalinks = body['permalinks'] === 'plain' ? 'plain' : 'pretty';
    const site = state.sites.get(name) ?? createSite(state, name, str(body['title']), permalinks);
    const username = str(body['username']) ?? 'practice-admin';
    if (site.users.some((u) => u.username === username))
      return bad(res, 'that user already exists on the site', 409);
    const { user, password } = addUser(site, username, role as WpUser['role']);
    const siteUrl = `${req.protocol}://${req.get('host')}/wp/${name}`;
    res
      .status(201)
      .json({ site: name, siteUrl, userId: user.id, username, role, applicationPassword: password });
  };
}

/**
 * A visitor's comment on a post of a site, as the control API and the sandbox's home page add
 * it (`post`, `content`, `author_name?`, `parent?`, `date_gmt?`, `status?`); a problem comes back
 * as `{status, message}`.
 */
export function injectVisitorComment(
  state: WordPressState,
  siteName: string,
  body: Body,
): WpComment | { status: number; message: string } {
  const site = state.sites.get(siteName);
  if (!site) return { status: 404, message: 'unknown site' };
  const post = Number(body['post']);
  if (!site.posts.has(post)) return { status: 404, message: 'unknown post' };
  const content = str(body['content']);
  if (!content) return { status: 400, message: 'content is required' };
  const dateGmt = body['date_gmt'] === undefined ? undefined : parseWpDate(body['date_gmt']);
  if (body['date_gmt'] !== undefined && !dateGmt)
    return { status: 400, message: 'date_gmt must be an ISO date' };
  const status = body['status'];
  if (status !== undefined && !['approved', 'hold', 'spam', 'trash'].includes(String(status)))
    return { status: 400, message: 'status must be approved, hold, spam or trash' };
  // Without a status, WordPress's own moderation decides (a first-time commenter is held).
  return addComment(site, {
    post,
    parent: Number(body['parent'] ?? 0),
    author: 0,
    authorName: str(body['author_name']) ?? 'A Visitor',
    authorEmail: str(body['author_email']) ?? '',
    content: ksesComment(content),
    dateGmt,
    status: status as WpComment['status'] | undefined,
  });
}

function injectComment(state: WordPressState) {
  return (req: Request, res: Response) => {
    const comment = injectVisitorComment(state, String(req.params['site']), req.body as Body);
    if ('message' in comment) return bad(res, comment.message, comment.status);
    res.status(201).json({
      id: comment.id,
      post: comment.post,
      date_gmt: comment.dateGmt.toISOString().slice(0, 19),
      status: comment.status,
    });
  };
}

/** The test-only control API under `/_sandbox/wordpress`. */
export function createWordPressControl(state: WordPressState): Router {
  const router = Router();
  router.use(express.json());
  router.post('/sites', createSiteRoute(state));
  router.post('/faults', (req, res) => {
    const fault = addWpFault(state, req.body as Body);
    if (typeof fault === 'string') return bad(res, fault);
    res.status(201).json(fault);
  });
  router.delete('/faults', (_req, res) => {
    state.faults = [];
    res.json({ cleared: true });
  });
  router.post('/sites/:site/comments', injectComment(state));
  router.get('/sites/:site/posts', (req, res) => {
    const site = state.sites.get(req.params.site);
    if (!site) return bad(res, 'unknown site', 404);
    res.json({
      posts: [...site.posts.values()],
      media: [...site.media.values()].map(({ data, ...m }) => ({ ...m, size: data.length })),
    });
  });
  router.post('/reset', (_req, res) => {
    resetWordPressState(state);
    res.json({ reset: true });
  });
  return router;
}
