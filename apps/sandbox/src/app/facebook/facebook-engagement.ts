import type { Request, Response } from 'express';
import { requirePageReader, requirePageToken, requireToken } from './facebook-auth';
import { graphErrors } from './facebook-errors';
import { paginate } from './facebook-paging';
import { findPage } from './facebook-publish';
import { param } from './facebook-request';
import {
  type FacebookComment,
  type FacebookPost,
  type FacebookState,
  livePosts,
  nextFacebookId,
} from './facebook-state';
import { notifyCommentAdded } from './facebook-subscription';
import { commentView, parseFieldSpecs, parseFields, postFieldsView, postView } from './facebook-views';

type Target =
  | { kind: 'post'; pageId: string; postId: string }
  | { kind: 'comment'; pageId: string; postId: string; comment: FacebookComment };

/** A post or a comment, by Graph id; unknown or deleted ids give Facebook's error 100/33. */
function findTarget(state: FacebookState, id: string, method: string): Target {
  const post = state.posts.get(id);
  if (post && !post.deleted) return { kind: 'post', pageId: post.pageId, postId: post.id };
  const comment = state.comments.get(id);
  const parentPost = comment && state.posts.get(comment.postId);
  if (comment && !comment.deleted && parentPost && !parentPost.deleted) {
    return { kind: 'comment', pageId: parentPost.pageId, postId: parentPost.id, comment };
  }
  throw graphErrors.unknownObject(id, method);
}

/** GET /me/accounts */
export function listAccounts(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const user = token.kind === 'user' ? state.users.get(token.ownerId) : undefined;
    if (!user)
      throw graphErrors.invalidParam(
        '(#100) Tried accessing nonexisting field (accounts) on node type (Page)',
      );
    const pages = user.pageIds.map((id) => findPage(state, id, 'get'));
    res.json(
      paginate(req, pages, (p) => ({
        access_token: p.token,
        category: 'Medical & health',
        category_list: [{ id: '2256', name: 'Medical & health' }],
        name: p.name,
        id: p.id,
        tasks: p.tasks,
      })),
    );
  };
}

/** Published now, or scheduled for a time that has come (Facebook publishes it then). */
function isVisible(post: FacebookPost): boolean {
  return (
    post.published ||
    (post.scheduledPublishTime !== undefined && post.scheduledPublishTime * 1000 <= Date.now())
  );
}

/**
 * GET /{page-id}/feed: everything on the page's feed, newest first, visitors' posts included;
 * with `ownOnly` (GET /{page-id}/published_posts and /posts) only what the page itself published.
 */
export function readFeed(state: FacebookState, ownOnly = false) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const page = findPage(state, String(req.params['id']), 'get');
    requirePageReader(state, token, page);
    const posts = livePosts(state, page.id)
      .filter(isVisible)
      .filter((p) => !ownOnly || !p.from)
      .reverse();
    const fields = param(req, 'fields');
    const specs = fields ? parseFieldSpecs(fields, []) : null;
    res.json(paginate(req, posts, (p) => (specs ? postFieldsView(state, p, specs) : postView(p))));
  };
}

function commentsOf(state: FacebookState, target: Target, req: Request): FacebookComment[] {
  const all = [...state.comments.values()].filter((c) => !c.deleted);
  const stream = param(req, 'filter') === 'stream';
  const list =
    target.kind === 'comment'
      ? all.filter((c) => c.parentId === target.comment.id)
      : all.filter((c) => c.postId === target.postId && (stream || !c.parentId));
  return param(req, 'order') === 'reverse_chronological' ? list.reverse() : list;
}

/** GET /{post-id}/comments and GET /{comment-id}/comments (replies). */
export function readComments(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const target = findTarget(state, String(req.params['id']), 'get');
    requirePageReader(state, token, findPage(state, target.pageId, 'get'));
    const fields = parseFields(param(req, 'fields'), ['created_time', 'from', 'message', 'id']);
    res.json(paginate(req, commentsOf(state, target, req), (c) => commentView(state, c, fields)));
  };
}

/** POST /{comment-id}/comments (a reply) or POST /{post-id}/comments, as the page. */
export function postComment(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const target = findTarget(state, String(req.params['id']), 'post');
    const page = findPage(state, target.pageId, 'post');
    requirePageToken(token, page, 'MODERATE');
    const message = param(req, 'message');
    if (!message) throw graphErrors.invalidParam('(#100) The parameter message is required');
    const parentId = target.kind === 'comment' ? (target.comment.parentId ?? target.comment.id) : undefined;
    const comment = addComment(state, target.postId, message, { id: page.id, name: page.name }, parentId);
    res.json({ id: comment.id });
  };
}

export function addComment(
  state: FacebookState,
  postId: string,
  message: string,
  from: { id: string; name: string },
  parentId?: string,
  createdTime = new Date(),
): FacebookComment {
  const post = state.posts.get(postId);
  const comment: FacebookComment = {
    id: `${post?.localId}_${nextFacebookId(state)}`,
    postId,
    parentId,
    message,
    from,
    createdTime,
    isHidden: false,
    deleted: false,
  };
  state.comments.set(comment.id, comment);
  notifyCommentAdded(state, comment);
  return comment;
}

/** POST /{comment-id} with `is_hidden`. */
export function updateObject(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const target = findTarget(state, String(req.params['id']), 'post');
    requirePageToken(
      token,
      findPage(state, target.pageId, 'post'),
      target.kind === 'comment' ? 'MODERATE' : 'CREATE_CONTENT',
    );
    const hidden = param(req, 'is_hidden');
    if (target.kind !== 'comment' || (hidden !== 'true' && hidden !== 'false')) {
      throw graphErrors.invalidParam('(#100) Param is_hidden must be a boolean');
    }
    target.comment.isHidden = hidden === 'true';
    res.json({ success: true });
  };
}

/** DELETE /{post-id} (and DELETE /{comment-id}). */
export function deleteObject(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const target = findTarget(state, String(req.params['id']), 'delete');
    const page = findPage(state, target.pageId, 'delete');
    requirePageToken(token, page, target.kind === 'comment' ? 'MODERATE' : 'CREATE_CONTENT');
    const object = target.kind === 'comment' ? target.comment : state.posts.get(target.postId);
    if (object) object.deleted = true;
    res.json({ success: true });
  };
}

/** GET /{id}: a page, post or comment node; a post with `fields` also answers its engagement counts. */
export function readObject(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const id = String(req.params['id']);
    const page = state.pages.get(id);
    if (page) {
      requirePageReader(state, token, page);
      res.json({ id: page.id, name: page.name });
      return;
    }
    const target = findTarget(state, id, 'get');
    requirePageReader(state, token, findPage(state, target.pageId, 'get'));
    if (target.kind === 'comment') {
      res.json(
        commentView(
          state,
          target.comment,
          parseFields(param(req, 'fields'), ['created_time', 'from', 'message', 'id']),
        ),
      );
      return;
    }
    const post = state.posts.get(target.postId);
    const fields = param(req, 'fields');
    if (!post) res.json({});
    else res.json(fields ? postFieldsView(state, post, parseFieldSpecs(fields, [])) : postView(post));
  };
}
