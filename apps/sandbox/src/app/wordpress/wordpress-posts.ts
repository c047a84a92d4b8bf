import { type Request, type Response, Router } from 'express';
import { canPublish, canWrite, ctx, field, restUrl } from './wordpress-context';
import { WpError, forbidden, invalidPostId } from './wordpress-errors';
import { listResponse } from './wordpress-paging';
import { effectiveStatus, readPostInput, sanitizeTitle, uniqueSlug } from './wordpress-post-input';
import type { WpPost, WpSite, WpUser } from './wordpress-state';
import { postView } from './wordpress-views';

function requireAuthor(res: Response, code: string, message: string): WpUser {
  const { user } = ctx(res);
  if (!user || !canWrite(user)) throw forbidden(Boolean(user), code, message);
  return user;
}

/** WordPress's cron publishes `future` posts once their date has come. */
function publishDuePosts(site: WpSite): void {
  for (const post of site.posts.values()) {
    if (post.status === 'future' && post.dateGmt.getTime() <= Date.now()) post.status = 'publish';
  }
}

function findPost(site: WpSite, id: string): WpPost {
  publishDuePosts(site);
  const post = /^\d+$/.test(id) ? site.posts.get(Number(id)) : undefined;
  if (!post) throw invalidPostId();
  return post;
}

function createPost(req: Request, res: Response): void {
  const c = ctx(res);
  const user = requireAuthor(
    res,
    'rest_cannot_create',
    'Sorry, you are not allowed to create posts as this user.',
  );
  const input = readPostInput(req, c.site);
  const requested = input.status ?? 'draft';
  if (['publish', 'future', 'private'].includes(requested) && !canPublish(user)) {
    throw new WpError(
      403,
      'rest_cannot_publish',
      'Sorry, you are not allowed to publish posts in this post type.',
    );
  }
  if (!input.title && !input.content && !input.excerpt) {
    throw new WpError(400, 'empty_content', 'Content, title, and excerpt are empty.');
  }
  const now = new Date();
  const dateGmt = input.dateGmt ?? now;
  const status = effectiveStatus(requested, dateGmt);
  const id = c.site.nextPostId++;
  const wanted =
    input.slug ??
    (['draft', 'pending'].includes(status) ? '' : sanitizeTitle(input.title ?? '') || String(id));
  const post: WpPost = {
    id,
    title: input.title ?? '',
    content: input.content ?? '',
    excerpt: input.excerpt ?? '',
    status,
    dateGmt,
    modifiedGmt: now,
    slug: wanted ? uniqueSlug(c.site, wanted, id) : '',
    categories: input.categories ?? [1],
    tags: input.tags ?? [],
    featuredMedia: input.featuredMedia ?? 0,
    author: user.id,
  };
  c.site.posts.set(id, post);
  res
    .status(201)
    .location(restUrl(c, `/wp/v2/posts/${id}`))
    .json(postView(c, post, true));
}

function deletePost(req: Request, res: Response): void {
  const c = ctx(res);
  requireAuthor(res, 'rest_cannot_delete', 'Sorry, you are not allowed to delete this post.');
  const post = findPost(c.site, String(req.params['id']));
  const force = ['true', '1'].includes(String(field(req, 'force')));
  if (force) {
    c.site.posts.delete(post.id);
    res.json({ deleted: true, previous: postView(c, post, true) });
    return;
  }
  if (post.status === 'trash')
    throw new WpError(410, 'rest_already_trashed', 'The post has already been deleted.');
  post.status = 'trash';
  post.modifiedGmt = new Date();
  res.json(postView(c, post, true));
}

function canSee(res: Response, post: WpPost): boolean {
  return post.status === 'publish' || Boolean(ctx(res).user);
}

function getPost(req: Request, res: Response): void {
  const c = ctx(res);
  const post = findPost(c.site, String(req.params['id']));
  if (!canSee(res, post)) throw forbidden(false, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
  res.json(postView(c, post, Boolean(c.user) && field(req, 'context') === 'edit'));
}

function listPosts(req: Request, res: Response): void {
  const c = ctx(res);
  const status = String(field(req, 'status') ?? 'publish');
  if (status !== 'publish' && !c.user) {
    throw new WpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
      status: 'Status is forbidden.',
    });
  }
  publishDuePosts(c.site);
  const afterParam = field(req, 'after');
  const after = afterParam === undefined ? null : Date.parse(String(afterParam));
  if (after !== null && Number.isNaN(after)) {
    throw new WpError(400, 'rest_invalid_param', 'Invalid parameter(s): after', {
      after: 'Invalid date.',
    });
  }
  const posts = [...c.site.posts.values()]
    .filter((p) => status.split(',').includes(p.status))
    .filter((p) => after === null || p.dateGmt.getTime() > after)
    .sort((a, b) => b.dateGmt.getTime() - a.dateGmt.getTime() || b.id - a.id);
  listResponse(
    req,
    res,
    '/wp/v2/posts',
    posts,
    (p) => postView(c, p, false),
    'rest_post_invalid_page_number',
  );
}

export function postsRouter(): Router {
  const router = Router();
  router.get('/', listPosts);
  router.post('/', createPost);
  router.get('/:id', getPost);
  router.delete('/:id', deletePost);
  return router;
}
