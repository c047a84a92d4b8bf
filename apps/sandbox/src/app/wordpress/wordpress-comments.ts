import { type Request, type Response, Router } from 'express';
import { canModerate, ctx, field, restUrl } from './wordpress-context';
import { WpError, forbidden, invalidParams } from './wordpress-errors';
import { ksesComment } from './wordpress-format';
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

/** `status` of `GET /comments` as WP_Comment_Query reads it (`all`: held and approved). */
const STATUS_FILTERS: Record<string, Array<WpComment['status']>> = {
  approve: ['approved'],
  hold: ['hold'],
  spam: ['spam'],
  trash: ['trash'],
  all: ['approved', 'hold'],
  any: ['approved', 'hold', 'spam', 'trash'],
};

/** Who may ask for what: `context=edit` needs moderation rights, a status other than approve needs edit rights. */
function checkListPermissions(req: Request, res: Response): void {
  const { user } = ctx(res);
  if (field(req, 'context') === 'edit' && !(user && canModerate(user))) {
    throw forbidden(Boolean(user), 'rest_forbidden_context', 'Sorry, you are not allowed to edit comments.');
  }
  const status = field(req, 'status');
  if (status !== undefined && status !== 'approve' && !(user && user.role !== 'subscriber')) {
    throw forbidden(Boolean(user), 'rest_forbidden_param', 'Query parameter not permitted: status');
  }
}

function readFilters(req: Request) {
  const bad: Record<string, string> = {};
  const post = idList(field(req, 'post'));
  if (post?.some((n) => !Number.isInteger(n))) bad['post'] = 'post[0] is not of type integer.';
  const include = idList(field(req, 'include'));
  if (include?.some((n) => !Number.isInteger(n))) bad['include'] = 'include[0] is not of type integer.';
  const afterRaw = field(req, 'after');
  const after = afterRaw === undefined ? undefined : parseWpDate(afterRaw);
  if (afterRaw !== undefined && !after) bad['after'] = 'Invalid date.';
  const order = String(field(req, 'order') ?? 'desc');
  if (!['asc', 'desc'].includes(order)) bad['order'] = 'order is not one of asc and desc.';
  const orderby = String(field(req, 'orderby') ?? 'date_gmt');
  if (!['date', 'date_gmt', 'id', 'include', 'post', 'parent', 'type'].includes(orderby))
    bad['orderby'] = 'orderby is not one of date, date_gmt, id, include, post, parent, and type.';
  // WordPress passes the status through sanitize_key: "hold,approve" is "holdapprove", which matches nothing.
  const status = String(field(req, 'status') ?? 'approve')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
  readPaging(req, bad);
  return { post, include, after, order, orderby, status, parent: idList(field(req, 'parent')) };
}

function listComments(req: Request, res: Response): void {
  const c = ctx(res);
  checkListPermissions(req, res);
  const f = readFilters(req);
  const statuses = STATUS_FILTERS[f.status] ?? [];
  const sign = f.order === 'asc' ? 1 : -1;
  const key = (cm: WpComment) => (f.orderby === 'id' ? cm.id : cm.dateGmt.getTime());
  const comments = [...c.site.comments.values()]
    .filter((cm) => statuses.includes(cm.status))
    .filter((cm) => !f.post || f.post.includes(cm.post))
    .filter((cm) => !f.include || f.include.includes(cm.id))
    .filter((cm) => !f.parent || f.parent.includes(cm.parent))
    // Whole seconds, strictly after, like WP_Date_Query.
    .filter((cm) => !f.after || cm.dateGmt.getTime() > Math.floor(f.after.getTime() / 1000) * 1000)
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
  const edit = field(req, 'context') === 'edit';
  listResponse(
    req,
    res,
    '/wp/v2/comments',
    comments,
    (cm) => commentView(c, cm, postUrlOf(res, cm), edit),
    'rest_comment_invalid_page_number',
  );
}

function findComment(site: WpSite, id: string): WpComment {
  const comment = /^\d+$/.test(id) ? site.comments.get(Number(id)) : undefined;
  if (!comment) throw new WpError(404, 'rest_comment_invalid_id', 'Invalid comment ID.');
  return comment;
}

function getComment(req: Request, res: Response): void {
  const c = ctx(res);
  const comment = findComment(c.site, String(req.params['id']));
  const moderator = Boolean(c.user && canModerate(c.user));
  const edit = field(req, 'context') === 'edit';
  if (edit && !moderator)
    throw forbidden(
      Boolean(c.user),
      'rest_forbidden_context',
      'Sorry, you are not allowed to edit comments.',
    );
  if (comment.status !== 'approved' && !moderator)
    throw forbidden(Boolean(c.user), 'rest_cannot_read', 'Sorry, you are not allowed to read this comment.');
  res.json(commentView(c, comment, postUrlOf(res, comment), edit));
}

/** `POST /comments/{id}` with a new `status`, as a moderator does. */
function updateComment(req: Request, res: Response): void {
  const c = ctx(res);
  const comment = findComment(c.site, String(req.params['id']));
  if (!c.user || !canModerate(c.user))
    throw forbidden(Boolean(c.user), 'rest_cannot_edit', 'Sorry, you are not allowed to edit this comment.');
  const status = field(req, 'status');
  if (status !== undefined) {
    const next = (
      {
        approved: 'approved',
        approve: 'approved',
        '1': 'approved',
        hold: 'hold',
        '0': 'hold',
        spam: 'spam',
        unspam: 'approved',
        trash: 'trash',
        untrash: 'approved',
      } as Record<string, WpComment['status']>
    )[String(status)];
    if (!next) throw new WpError(500, 'rest_comment_failed_edit', 'Updating comment status failed.');
    comment.status = next;
  }
  res.json(commentView(c, comment, postUrlOf(res, comment), true));
}

/** `DELETE /comments/{id}`: to the trash, or gone with `force=true`. */
function deleteComment(req: Request, res: Response): void {
  const c = ctx(res);
  const comment = findComment(c.site, String(req.params['id']));
  if (!c.user || !canModerate(c.user))
    throw forbidden(
      Boolean(c.user),
      'rest_cannot_delete',
      'Sorry, you are not allowed to delete this comment.',
    );
  const view = () => commentView(c, comment, postUrlOf(res, comment), true);
  if (['true', '1'].includes(String(field(req, 'force')))) {
    c.site.comments.delete(comment.id);
    res.json({ deleted: true, previous: view() });
    return;
  }
  if (comment.status === 'trash')
    throw new WpError(410, 'rest_already_trashed', 'The comment has already been trashed.');
  comment.status = 'trash';
  res.json(view());
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
  const user = c.user;
  const postId = Number(field(req, 'post') ?? 0);
  const parent = Number(field(req, 'parent') ?? 0);
  checkTarget(c.site, postId, parent);
  const typed = contentOf(req);
  if (!typed) throw new WpError(400, 'rest_comment_content_invalid', 'Invalid comment content.');
  // Administrators and editors may post any HTML; everyone else goes through the filter.
  const content = canModerate(user) ? typed : ksesComment(typed);
  const duplicate = [...c.site.comments.values()].some(
    (cm) => cm.post === postId && cm.author === user.id && cm.content === content,
  );
  if (duplicate)
    throw new WpError(
      409,
      'comment_duplicate',
      'Duplicate comment detected; it looks as though you&#8217;ve already said that!',
    );
  const post = c.site.posts.get(postId);
  const comment = addComment(c.site, {
    post: postId,
    parent,
    author: user.id,
    authorName: user.username,
    authorEmail: user.email,
    content,
    // "The author and the admins get respect": moderators and the post's author skip moderation.
    status: canModerate(user) || post?.author === user.id ? 'approved' : undefined,
  });
  res
    .status(201)
    .location(restUrl(c, `/wp/v2/comments/${comment.id}`))
    .json(commentView(c, comment, postUrlOf(res, comment), true));
}

/**
 * WordPress's default moderation (`check_comment`): a comment with two or more links is held,
 * and so is the first comment of someone who has no approved comment yet under the same name
 * and email (`comment_previously_approved`).
 */
function moderationOf(site: WpSite, authorName: string, authorEmail: string, content: string) {
  if ((content.match(/<a [^>]*href/gi) ?? []).length >= 2) return 'hold';
  const known = [...site.comments.values()].some(
    (cm) => cm.status === 'approved' && cm.authorName === authorName && cm.authorEmail === authorEmail,
  );
  return known ? 'approved' : 'hold';
}

export function addComment(
  site: WpSite,
  input: Omit<WpComment, 'id' | 'dateGmt' | 'status'> & { dateGmt?: Date; status?: WpComment['status'] },
): WpComment {
  const comment: WpComment = {
    ...input,
    status: input.status ?? moderationOf(site, input.authorName, input.authorEmail, input.content),
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
  router.get('/:id', getComment);
  router.post('/:id', updateComment);
  router.delete('/:id', deleteComment);
  return router;
}
