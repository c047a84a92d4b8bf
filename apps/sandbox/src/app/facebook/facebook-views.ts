import { graphErrors } from './facebook-errors';
import type { FacebookComment, FacebookPost, FacebookState } from './facebook-state';

/** Graph API timestamps: `2026-11-27T03:51:50+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Top-level names of a `fields` parameter, e.g. `id,from{id,name},message` → id, from, message. */
export function parseFields(fields: string | undefined, defaults: string[]): string[] {
  if (!fields) return defaults;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of fields) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else if (depth === 0 && char !== '}') current += char;
  }
  names.push(current);
  return names.map((n) => n.split('.')[0].trim()).filter(Boolean);
}

const COMMENT_DEFAULTS = ['created_time', 'from', 'message', 'id'];

function commentFields(state: FacebookState, c: FacebookComment): Record<string, () => unknown> {
  const post = state.posts.get(c.postId);
  const [, commentLocal] = c.id.split('_');
  const replies = [...state.comments.values()].filter((r) => r.parentId === c.id && !r.deleted);
  const parent = c.parentId ? state.comments.get(c.parentId) : undefined;
  return {
    id: () => c.id,
    message: () => c.message,
    created_time: () => graphTime(c.createdTime),
    from: () => c.from,
    parent: () =>
      parent && {
        id: parent.id,
        message: parent.message,
        created_time: graphTime(parent.createdTime),
        from: parent.from,
      },
    is_hidden: () => c.isHidden,
    can_hide: () => c.from.id !== post?.pageId,
    like_count: () => 0,
    comment_count: () => replies.length,
    permalink_url: () =>
      `https://www.facebook.com/${post?.pageId}/posts/${post?.localId}/?comment_id=${commentLocal}`,
  };
}

export function commentView(state: FacebookState, c: FacebookComment, fields: string[] = COMMENT_DEFAULTS) {
  const getters = commentFields(state, c);
  const view: Record<string, unknown> = {};
  for (const name of fields) {
    const get = getters[name];
    if (!get)
      throw graphErrors.invalidParam(
        `(#100) Tried accessing nonexisting field (${name}) on node type (Comment)`,
      );
    const value = get();
    if (value !== undefined) view[name] = value;
  }
  if (!('id' in view)) view['id'] = c.id;
  return view;
}

export function postView(post: FacebookPost) {
  return {
    id: post.id,
    created_time: graphTime(post.createdTime),
    ...(post.message !== undefined ? { message: post.message } : {}),
    ...(post.link !== undefined ? { link: post.link } : {}),
  };
}

/** A post as the control API reports it: what the page published, scheduled or deleted. */
export function publishedView(post: FacebookPost) {
  return {
    ...postView(post),
    published: post.published,
    scheduled_publish_time: post.scheduledPublishTime,
    photo_url: post.photoUrl,
    attached_photos: post.attachedPhotos?.map((p) => ({ id: p.id, url: p.url, alt_text: p.altText })),
    deleted: post.deleted,
  };
}
