import type { Request, Response } from 'express';
import { requirePageToken, requireToken } from './facebook-auth';
import { GraphError, graphErrors } from './facebook-errors';
import { param, uploadedFile } from './facebook-request';
import {
  type FacebookPage,
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
    if (!message && !link) throw graphErrors.invalidParam('(#100) Missing message or attachment');
    const schedule = scheduling(req);
    rejectDuplicate(state, page, message);
    const post = storePost(state, page, { message, link, ...schedule });
    res.json({ id: post.id });
  };
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
    const schedule = scheduling(req);
    const photoId = nextFacebookId(state);
    const post = storePost(state, page, { message: caption, photoId, photoUrl, ...schedule });
    res.json({ id: photoId, post_id: post.id });
  };
}
