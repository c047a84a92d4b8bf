import type { Request, Response } from 'express';
import { requirePageToken, requireToken } from './facebook-auth';
import { GraphError, graphErrors } from './facebook-errors';
import { param, uploadedFile } from './facebook-request';
import {
  type FacebookPage,
  type FacebookPhoto,
  type FacebookPost,
  type FacebookState,
  livePosts,
  nextFacebookId,
} from './facebook-state';

const MIN_SCHEDULE_S = 10 * 60;
const MAX_SCHEDULE_S = 30 * 24 * 60 * 60;

export function findPage(state: FacebookState, id: string, method: string): FacebookPage {
  const page = state.pages.get(id);
  if (!page) throw graphErrors.unknownObject(id, method);
  return page;
}

function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw graphErrors.invalidParam(`(#100) Param ${name} must be a boolean`);
}

/** Unix seconds or ISO 8601, as the Graph API accepts for `scheduled_publish_time`. */
function parseScheduleTime(value: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.floor(Date.parse(value) / 1000);
  if (!Number.isFinite(seconds))
    throw graphErrors.invalidParam('(#100) The specified scheduled publish time is invalid.');
  return seconds;
}

function scheduling(req: Request): { published: boolean; scheduledPublishTime?: number } {
  const published = parseBool(param(req, 'published'), 'published') ?? true;
  const raw = param(req, 'scheduled_publish_time');
  if (raw === undefined) return { published };
  if (published) {
    throw graphErrors.invalidParam('(#100) You cannot specify a scheduled publish time on a published post');
  }
  const when = parseScheduleTime(raw);
  const ahead = when - Math.floor(Date.now() / 1000);
  if (ahead < MIN_SCHEDULE_S || ahead > MAX_SCHEDULE_S) {
    throw graphErrors.invalidParam('(#100) The specified scheduled publish time is invalid.');
  }
  return { published: false, scheduledPublishTime: when };
}

function storePost(state: FacebookState, page: FacebookPage, fields: Partial<FacebookPost>): FacebookPost {
  const localId = nextFacebookId(state);
  const post: FacebookPost = {
    id: `${page.id}_${localId}`,
    pageId: page.id,
    localId,
    published: true,
    createdTime: new Date(),
    deleted: false,
    ...fields,
  };
  state.posts.set(post.id, post);
  return post;
}

/** The longest text a Page post (or photo caption) may have, in characters. */
export const MAX_POST_MESSAGE_LENGTH = 63_206;

function rejectTooLong(message: string | undefined): void {
  if (message !== undefined && Array.from(message).length > MAX_POST_MESSAGE_LENGTH) {
    throw graphErrors.invalidParam(
      `(#100) The message is too long: at most ${MAX_POST_MESSAGE_LENGTH} characters are allowed`,
    );
  }
}

function rejectDuplicate(state: FacebookState, page: FacebookPage, message: string | undefined): void {
  if (!message) return;
  const text = message.trim();
  if (livePosts(state, page.id).some((p) => p.message?.trim() === text)) throw graphErrors.duplicate();
}

/** POST /{page-id}/feed */
export function publishToFeed(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const page = findPage(state, String(req.params['id']), 'post');
    requirePageToken(token, page, 'CREATE_CONTENT');
    const message = param(req, 'message');
    const link = param(req, 'link');
    const attachedPhotos = attachedMedia(state, req, page);
    if (!message && !link && !attachedPhotos.length) {
      throw graphErrors.invalidParam('(#100) Missing message or attachment');
    }
    rejectTooLong(message);
    const schedule = scheduling(req);
    rejectDuplicate(state, page, message);
    for (const photo of attachedPhotos) state.photos.delete(photo.id);
    const post = storePost(state, page, {
      message,
      link,
      ...(attachedPhotos.length ? { attachedPhotos } : {}),
      ...schedule,
    });
    res.json({ id: post.id });
  };
}

/**
 * `attached_media` as JSON (`[{"media_fbid":"1"}]`) or form fields (`attached_media[0]={"media_fbid":"1"}`):
 * photos this page uploaded with `published=false`.
 */
function attachedMedia(state: FacebookState, req: Request, page: FacebookPage): FacebookPhoto[] {
  const body = (req.body ?? {}) as Record<string, unknown>;
  let entries: unknown[] = [];
  const raw = body['attached_media'];
  if (Array.isArray(raw)) entries = raw;
  else if (typeof raw === 'string') entries = parseJson(raw);
  else if (raw && typeof raw === 'object') entries = Object.values(raw);
  for (const [key, value] of Object.entries(body)) {
    if (/^attached_media\[\d+\]$/.test(key)) entries.push(value);
  }
  return entries.map((entry) => {
    const item = typeof entry === 'string' ? parseJson(entry) : entry;
    const id = (item as { media_fbid?: unknown } | null)?.media_fbid;
    const photo = typeof id === 'string' ? state.photos.get(id) : undefined;
    if (!photo || photo.pageId !== page.id) {
      throw graphErrors.invalidParam(
        `(#100) attached_media: ${String(id)} is not an unpublished photo of this page`,
      );
    }
    return photo;
  });
}

function parseJson(text: string): never[] {
  try {
    return JSON.parse(text) as never[];
  } catch {
    throw graphErrors.invalidParam('(#100) attached_media must be JSON');
  }
}

function photoSource(req: Request, res: Response): string {
  const url = param(req, 'url');
  const file = uploadedFile(res, 'source');
  if (url !== undefined) {
    if (!/^https?:\/\/\S+$/i.test(url))
      throw graphErrors.invalidParam('(#100) url should represent a valid URL');
    return url;
  }
  if (file && file.data.length > 0)
    return `https://scontent.xx.fbcdn.net/v/${encodeURIComponent(file.filename)}`;
  throw requiresUpload();
}

function requiresUpload() {
  return new GraphError(400, 324, '(#324) Requires upload file');
}

/** POST /{page-id}/photos */
export function publishPhoto(state: FacebookState) {
  return (req: Request, res: Response) => {
    const token = requireToken(state, req);
    const page = findPage(state, String(req.params['id']), 'post');
    requirePageToken(token, page, 'CREATE_CONTENT');
    const photoUrl = photoSource(req, res);
    const caption = param(req, 'caption') ?? param(req, 'message');
    rejectTooLong(caption);
    const photoId = nextFacebookId(state);
    if (param(req, 'published') === 'false' && param(req, 'scheduled_publish_time') === undefined) {
      // An unpublished photo: no post yet, attached later with the feed's `attached_media`.
      state.photos.set(photoId, {
        id: photoId,
        pageId: page.id,
        url: photoUrl,
        altText: param(req, 'alt_text_custom'),
      });
      res.json({ id: photoId });
      return;
    }
    const schedule = scheduling(req);
    const post = storePost(state, page, { message: caption, photoId, photoUrl, ...schedule });
    res.json({ id: photoId, post_id: post.id });
  };
}
