import express, { type Request, type Response, Router } from 'express';
import { canWrite, ctx, field, restUrl } from './wordpress-context';
import { WpError, forbidden, invalidPostId } from './wordpress-errors';
import type { WpMedia, WpSite } from './wordpress-state';
import { mediaView } from './wordpress-views';

const ALLOWED = /^(image|video|audio)\/|^application\/pdf$/;

/** `attachment; filename="x.png"` (or `filename*=UTF-8''x.png`) → `x.png`. */
function filenameOf(disposition: string): string | undefined {
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
  if (star) return decodeURIComponent(star.trim().replace(/^"|"$/g, ''));
  return /filename=("?)([^";]+)\1/i.exec(disposition)?.[2]?.trim();
}

function uniquePath(site: WpSite, filename: string, now: Date): string {
  const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const dot = filename.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ''];
  const taken = new Set([...site.media.values()].map((m) => m.path));
  let path = `${folder}/${filename}`;
  for (let n = 1; taken.has(path); n += 1) path = `${folder}/${stem}-${n}${ext}`;
  return path;
}

/** Checks in the order WordPress's `upload_from_data` does. */
function readUpload(req: Request): { data: Buffer; type: string; filename: string } {
  const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (data.length === 0) throw new WpError(400, 'rest_upload_no_data', 'No data supplied.');
  const type = req.get('content-type');
  if (!type) throw new WpError(400, 'rest_upload_no_content_type', 'No Content-Type supplied.');
  const disposition = req.get('content-disposition');
  if (!disposition)
    throw new WpError(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.');
  const filename = filenameOf(disposition);
  if (!filename) {
    throw new WpError(
      400,
      'rest_upload_invalid_disposition',
      'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.',
    );
  }
  const mime = type.split(';')[0].trim().toLowerCase();
  if (!ALLOWED.test(mime))
    throw new WpError(
      500,
      'rest_upload_sideload_error',
      'Sorry, you are not allowed to upload this file type.',
    );
  return { data, type: mime, filename: filename.replace(/[/\\]/g, '') };
}

function upload(req: Request, res: Response): void {
  const c = ctx(res);
  if (!c.user || !canWrite(c.user)) {
    throw forbidden(
      Boolean(c.user),
      'rest_cannot_create',
      'Sorry, you are not allowed to upload media on this site.',
    );
  }
  const file = readUpload(req);
  const now = new Date();
  const media: WpMedia = {
    id: c.site.nextPostId++,
    filename: file.filename,
    path: uniquePath(c.site, file.filename, now),
    mimeType: file.type,
    data: file.data,
    altText: '',
    caption: '',
    title: file.filename.replace(/\.[^.]+$/, ''),
    dateGmt: now,
    author: c.user.id,
    post: null,
  };
  c.site.media.set(media.id, media);
  res
    .status(201)
    .location(restUrl(c, `/wp/v2/media/${media.id}`))
    .json(mediaView(c, media));
}

function findMedia(site: WpSite, id: string): WpMedia {
  const media = /^\d+$/.test(id) ? site.media.get(Number(id)) : undefined;
  if (!media) throw invalidPostId();
  return media;
}

function update(req: Request, res: Response): void {
  const c = ctx(res);
  if (!c.user || !canWrite(c.user))
    throw forbidden(Boolean(c.user), 'rest_cannot_edit', 'Sorry, you are not allowed to edit this post.');
  const media = findMedia(c.site, String(req.params['id']));
  const text = (name: string) => {
    const value = field(req, name);
    return value === undefined
      ? undefined
      : typeof value === 'object'
        ? String((value as Record<string, unknown>)['raw'] ?? '')
        : String(value);
  };
  media.altText = text('alt_text') ?? media.altText;
  media.caption = text('caption') ?? media.caption;
  media.title = text('title') ?? media.title;
  res.json(mediaView(c, media));
}

export function mediaRouter(): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '50mb' }), upload);
  router.get('/:id', (req, res) =>
    res.json(mediaView(ctx(res), findMedia(ctx(res).site, String(req.params['id'])))),
  );
  router.post('/:id', update);
  return router;
}

/** Serves uploaded files at their `source_url`. */
export function serveUpload(site: WpSite, path: string, res: Response): boolean {
  const media = [...site.media.values()].find((m) => m.path === path);
  if (!media) return false;
  res.type(media.mimeType).send(media.data);
  return true;
}
