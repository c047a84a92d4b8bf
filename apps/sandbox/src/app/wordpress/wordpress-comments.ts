import { type Request, type Response, Router } from 'express';
import { ctx, field, restUrl } from './wordpress-context';
import { WpError, invalidParams } from './wordpress-errors';
import { listResponse, readPaging } from './wordpress-paging';
import { parseWpDate } from './wordpress-post-input';
import type { WpComment, WpSite } from './wordpress-state';
import { commentView, postLink } from './wordpress-views';

function postUrlOf(res: Response, comment: WpComment): string {
  const c = ctx(res);
  const post = c.site.posts.get(comment.post);
  return post ? postLink(c, post) : `${c.siteUrl}/?p=${comment.post}`;
}

function idList(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return parts.filter(Boolean).map(Number);
}

function readFilters(req: Request) {
  const bad: Record<string, string> = {};
  const post = idList(field(req, 'post'));
  if (post?.some((n) => !Number.isInteger(n))) bad['post'] = 'post[0] is not of type integer.';
  const afterRaw = field(req, 'after');
  const after = afterRaw === undefined ? undefined : parseWpDate(afterRaw);
  if (afterRaw !== undefined && !after) bad['after'] = 'Invalid date.';
  const order = String(field(req, 'order') ?? 'desc');
  if (!['asc', 'desc'].includes(order)) bad['order'] = 'order is not one of asc and desc.';
  readPaging(req, bad);
  return { post, after, order, parent: idList(field(req, 'parent')) };
}

function listComments(req: Request, res: Response): void {
  const c = ctx(res);
  const f = readFilters(req);
  const sign = f.order === 'asc' ? 1 : -1;
  const comments = [...c.site.comments.values()]
    .filter((cm) => cm.status === 'approved')
    .filter((cm) => !f.post || f.post.includes(cm.post))
    .filter((cm) => !f.parent || f.parent.includes(cm.parent))
    .filter((cm) => !f.after || cm.dateGmt.getTime() > f.after.getTime())
    .sort((a, b) => sign * (a.dateGmt.getTime() - b.dateGmt.getTime() || a.id - b.id));
  listResponse(
    req,
    res,
    '/wp/v2/comments',
    comments,
    (cm) => commentView(c, cm, postUrlOf(res, cm), false),
    'rest_comment_invalid_page_number',
  );
}

function contentOf(req: Request): string {
  const value = field(req, 'content');
  const text = typeof value === 'object' && value ? (value as Record<string, unknown>)['raw'] : value;
  return typeof text === 'string' ? text.trim() : '';
}

function checkTarget(site: WpSite, postId: number, parent: number): void {
  const post = site.posts.get(postId);
  if (!postId || !post) {
    throw new WpError(
      403,
      'rest_comment_invalid_post_id',
      'Sorry, you are not allowed to create this comment without a post.',
    );
  }
  if (post.status === 'trash')
    throw new WpError(
      403,
      'rest_comment_trash_post',
      'Sorry, you are not allowed to create a comment on this post.',
    );
  if (post.status === 'draft')
    throw new WpError(
      403,
      'rest_comment_draft_post',
      'Sorry, you are not allowed to create a comment on this post.',
    );
  const parentComment = parent ? site.comments.get(parent) : undefined;
  if (parent && parentComment?.post !== postId) {
    throw invalidParams({ parent: 'Invalid parent comment ID.' });
  }
}

function createComment(req: Request, res: Response): void {
  const c = ctx(res);
  if (!c.user)
    throw new WpError(401, 'rest_comment_login_required', 'Sorry, you must be logged in to comment.');
  const postId = Number(field(req, 'post') ?? 0);
  const parent = Number(field(req, 'parent') ?? 0);
  checkTarget(c.site, postId, parent);
  const content = contentOf(req);
  if (!content) throw new WpError(400, 'rest_comment_content_invalid', 'Invalid comment content.');
  const duplicate = [...c.site.comments.values()].some(
    (cm) => cm.post === postId && cm.author === c.user?.id && cm.content === content,
  );
  if (duplicate)
    throw new WpError(
      409,
      'comment_duplicate',
      'Duplicate comment detected; it looks as though you&#8217;ve already said that!',
    );
  const comment = addComment(c.site, {
    post: postId,
    parent,
    author: c.user.id,
    authorName: c.user.username,
    content,
  });
  res
    .status(201)
    .location(restUrl(c, `/wp/v2/comments/${comment.id}`))
    .json(commentView(c, comment, postUrlOf(res, comment), true));
}

export function addComment(
  site: WpSite,
  input: Omit<WpComment, 'id' | 'dateGmt' | 'status'> & { dateGmt?: Date; status?: WpComment['status'] },
): WpComment {
  // Absent (or explicitly undefined) date and status fall back to now and approved.
  const comment: WpComment = {
    ...input,
    status: input.status ?? 'approved',
    // WordPress keeps whole seconds.
    dateGmt: input.dateGmt ?? new Date(Math.floor(Date.now() / 1000) * 1000),
    id: site.nextCommentId++,
  };
  site.comments.set(comment.id, comment);
  return comment;
}

export function commentsRouter(): Router {
  const router = Router();
  router.get('/', listComments);
  router.post('/', createComment);
  return router;
}
