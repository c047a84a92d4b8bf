import { graphErrors } from './facebook-errors';
import type { FacebookComment, FacebookPost, FacebookState } from './facebook-state';

/** Graph API timestamps: `2026-11-27T03:51:50+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** One entry of a `fields` parameter: `comments.summary(true).limit(0)` → comments, {summary, limit}. */
export interface FieldSpec {
  name: string;
  modifiers: Map<string, string>;
}

/** Top-level names of a `fields` parameter, e.g. `id,from{id,name},message` → id, from, message. */
export function parseFields(fields: string | undefined, defaults: string[]): string[] {
  return parseFieldSpecs(fields, defaults).map((f) => f.name);
}

/** The top-level entries of a `fields` parameter with their modifiers (sub-fields in `{}` are dropped). */
export function parseFieldSpecs(fields: string | undefined, defaults: string[]): FieldSpec[] {
  if (!fields) return defaults.map((name) => ({ name, modifiers: new Map() }));
  const entries: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of fields) {
    if (char === '{' || char === '(') depth += 1;
    if (char === '}' || char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      entries.push(current);
      current = '';
    } else current += char;
  }
  entries.push(current);
  return entries
    .map((entry) => entry.replace(/\{[\s\S]*$/, '').trim())
    .map((entry) => ({
      name: (/^[^.(]*/.exec(entry)?.[0] ?? '').trim(),
      modifiers: new Map([...entry.matchAll(/\.(\w+)\(([^)]*)\)/g)].map((m) => [m[1], m[2].trim()])),
    }))
    .filter((f) => f.name);
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

/** When the post last changed: created, or commented on since (as `updated_time` on Facebook). */
export function postUpdatedTime(state: FacebookState, post: FacebookPost): Date {
  let latest = post.createdTime;
  for (const c of state.comments.values()) {
    if (c.postId === post.id && c.createdTime > latest) latest = c.createdTime;
  }
  return latest;
}

export function postView(post: FacebookPost) {
  return {
    id: post.id,
    created_time: graphTime(post.createdTime),
    ...(post.message !== undefined ? { message: post.message } : {}),
    ...(post.link !== undefined ? { link: post.link } : {}),
  };
}

const DEFAULT_EDGE_LIMIT = 25;

/** What `summary(...)` asks of an edge's summary: `true` for all of it, or the names listed. */
function summaryOf(spec: FieldSpec, values: Record<string, unknown>) {
  const asked = spec.modifiers.get('summary');
  if (asked === undefined || asked === 'false' || asked === '0') return {};
  if (asked === 'true' || asked === '1') return { summary: values };
  const names = asked.split(',').map((n) => n.trim());
  return { summary: Object.fromEntries(Object.entries(values).filter(([name]) => names.includes(name))) };
}

function limitOf(spec: FieldSpec): number {
  const limit = Number(spec.modifiers.get('limit') ?? DEFAULT_EDGE_LIMIT);
  return Number.isInteger(limit) && limit >= 0 ? limit : DEFAULT_EDGE_LIMIT;
}

/**
 * The `comments` edge of a post as a field: top-level comments (`filter(stream)` adds replies);
 * `total_count` counts the visible ones (hidden and deleted comments are not counted).
 */
function commentsEdge(state: FacebookState, post: FacebookPost, spec: FieldSpec) {
  const stream = spec.modifiers.get('filter') === 'stream';
  const reverse = spec.modifiers.get('order') === 'reverse_chronological';
  const all = [...state.comments.values()].filter(
    (c) => c.postId === post.id && !c.deleted && (stream || !c.parentId),
  );
  const ordered = reverse ? [...all].reverse() : all;
  return {
    data: ordered.slice(0, limitOf(spec)).map((c) => commentView(state, c)),
    ...summaryOf(spec, {
      order: reverse ? 'reverse_chronological' : 'chronological',
      total_count: all.filter((c) => !c.isHidden).length,
      can_comment: true,
    }),
  };
}

/**
 * A post node with the requested fields. Reactions are a count only (the control API sets it),
 * so the edge's `data` is always empty; `shares` is absent until someone shared the post.
 */
export function postFieldsView(state: FacebookState, post: FacebookPost, specs: FieldSpec[]) {
  const getters: Record<string, (spec: FieldSpec) => unknown> = {
    id: () => post.id,
    created_time: () => graphTime(post.createdTime),
    updated_time: () => graphTime(postUpdatedTime(state, post)),
    from: () => post.from ?? { id: post.pageId, name: state.pages.get(post.pageId)?.name ?? '' },
    message: () => post.message,
    link: () => post.link,
    permalink_url: () => `https://www.facebook.com/${post.pageId}/posts/${post.localId}`,
    reactions: (spec) => ({
      data: [],
      ...summaryOf(spec, { total_count: post.reactions ?? 0, viewer_reaction: 'NONE' }),
    }),
    comments: (spec) => commentsEdge(state, post, spec),
    shares: () => (post.shares ? { count: post.shares } : undefined),
  };
  const view: Record<string, unknown> = {};
  for (const spec of specs) {
    const get = getters[spec.name];
    if (!get)
      throw graphErrors.invalidParam(
        `(#100) Tried accessing nonexisting field (${spec.name}) on node type (Post)`,
      );
    const value = get(spec);
    if (value !== undefined) view[spec.name] = value;
  }
  if (!('id' in view)) view['id'] = post.id;
  return view;
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
