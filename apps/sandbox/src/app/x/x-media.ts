import { createHash } from 'node:crypto';
import type { XContext } from './x-endpoint';
import { multipartBoundary, parseMultipart } from './x-multipart';
import { invalidRequest, ok } from './x-problems';
import { isRecord } from './x-tweets';
import type { XState } from './x-state';
import type { XAccount, XMedia, XReply } from './x-types';

export const MAX_ALT_TEXT = 1000;
const EXPIRES_AFTER_SECS = 86_400;
const MEDIA_CATEGORIES = [
  'tweet_image',
  'tweet_gif',
  'tweet_video',
  'amplify_video',
  'dm_image',
  'dm_gif',
  'dm_video',
];

/** `POST /2/media/upload/initialize`. */
export function initializeUpload({ req, account, state }: XContext): XReply {
  const body: unknown = req.body;
  if (!isRecord(body)) return invalidRequest({}, 'The request body is not a JSON object.');
  const { media_type: mediaType, total_bytes: totalBytes, media_category: category } = body;
  if (typeof mediaType !== 'string' || !/^(image|video)\/[\w.+-]+$/.test(mediaType)) {
    return invalidRequest({ media_type: [String(mediaType)] }, '$.media_type: is not a supported media type');
  }
  if (typeof totalBytes !== 'number' || !Number.isInteger(totalBytes) || totalBytes <= 0) {
    return invalidRequest({ total_bytes: [String(totalBytes)] }, '$.total_bytes: must be a positive integer');
  }
  if (category !== undefined && (typeof category !== 'string' || !MEDIA_CATEGORIES.includes(category))) {
    return invalidRequest({ media_category: [String(category)] }, '$.media_category: is not valid');
  }
  const media = state.addMedia({
    id: state.newTweetId(),
    ownerId: account.id,
    mediaType,
    mediaCategory: category,
    totalBytes,
    segments: new Map(),
    processingMs: needsProcessing(mediaType, category) ? state.videoProcessingMs : 0,
  });
  return ok({ data: { id: media.id, media_key: mediaKey(media), expires_after_secs: EXPIRES_AFTER_SECS } });
}

/** `POST /2/media/upload/:id/append`, multipart with `segment_index` and the `media` bytes. */
export function appendUpload({ req, account, state }: XContext): XReply {
  const media = ownMedia(state, account, String(req.params['id']));
  if ('error' in media) return media.error;
  if (media.value.finalizedAt !== undefined)
    return invalidRequest({ id: [media.value.id] }, 'Media is already finalized.');
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary || !Buffer.isBuffer(req.body))
    return invalidRequest({ media: [] }, 'Expected multipart/form-data.');
  const parts = parseMultipart(req.body, boundary);
  const index = parts.find((p) => p.name === 'segment_index')?.data.toString();
  const data = parts.find((p) => p.name === 'media')?.data;
  if (index === undefined || !/^\d+$/.test(index) || Number(index) > 999) {
    return invalidRequest(
      { segment_index: [String(index)] },
      'segment_index must be an integer between 0 and 999',
    );
  }
  if (!data) return invalidRequest({ media: [] }, 'The media part is missing.');
  media.value.segments.set(Number(index), data);
  return ok({ data: { expires_at: Math.floor(state.now() / 1000) + EXPIRES_AFTER_SECS } });
}

/** `POST /2/media/upload/:id/finalize`. */
export function finalizeUpload({ req, account, state }: XContext): XReply {
  const found = ownMedia(state, account, String(req.params['id']));
  if ('error' in found) return found.error;
  const media = found.value;
  const ordered = [...media.segments.entries()].sort(([a], [b]) => a - b).map(([, data]) => data);
  const bytes = Buffer.concat(ordered);
  if (bytes.length !== media.totalBytes) {
    return invalidRequest({ id: [media.id] }, 'Segments do not add up to provided total file size.');
  }
  media.size = bytes.length;
  media.sha256 = createHash('sha256').update(bytes).digest('hex');
  media.finalizedAt ??= state.now();
  return ok({ data: { ...mediaData(media), ...processingInfo(state, media) } });
}

/** `GET /2/media/upload?command=STATUS&media_id=`. */
export function uploadStatus({ req, account, state }: XContext): XReply {
  if (req.query['command'] !== 'STATUS') {
    return invalidRequest({ command: [String(req.query['command'])] }, 'command must be STATUS');
  }
  const found = ownMedia(state, account, String(req.query['media_id']));
  if ('error' in found) return found.error;
  return ok({ data: { ...mediaData(found.value), ...processingInfo(state, found.value, true) } });
}

/** `POST /2/media/metadata` with `{id, metadata: {alt_text: {text}}}`. */
export function createMetadata({ req, account, state }: XContext): XReply {
  const body: unknown = req.body;
  const id = isRecord(body) ? String(body['id']) : '';
  const metadata = isRecord(body) && isRecord(body['metadata']) ? body['metadata'] : {};
  const altText = isRecord(metadata['alt_text']) ? metadata['alt_text']['text'] : undefined;
  const found = ownMedia(state, account, id);
  if ('error' in found) return found.error;
  if (typeof altText !== 'string')
    return invalidRequest({ 'metadata.alt_text.text': [] }, 'alt_text.text is required');
  if ([...altText].length > MAX_ALT_TEXT) {
    return invalidRequest(
      { 'metadata.alt_text.text': [altText] },
      `$.metadata.alt_text.text: size must be between 0 and ${MAX_ALT_TEXT}`,
    );
  }
  found.value.altText = altText;
  return ok({ data: { id: found.value.id, associated_metadata: true } });
}

function ownMedia(state: XState, account: XAccount, id: string): { value: XMedia } | { error: XReply } {
  const media = state.findMedia(id);
  if (!media || media.ownerId !== account.id) {
    return { error: invalidRequest({ media_id: [id] }, `The media id [${id}] is not valid.`) };
  }
  return { value: media };
}

function mediaData(media: XMedia) {
  return {
    id: media.id,
    media_key: mediaKey(media),
    ...(media.size !== undefined ? { size: media.size } : {}),
    expires_after_secs: EXPIRES_AFTER_SECS,
  };
}

/** `processing_info` for media that is processed (videos, GIFs); images have none. */
function processingInfo(state: XState, media: XMedia, forStatus = false) {
  if (media.finalizedAt === undefined)
    return forStatus ? { processing_info: { state: 'pending', check_after_secs: 1 } } : {};
  if (media.processingMs === 0)
    return forStatus ? { processing_info: { state: 'succeeded', progress_percent: 100 } } : {};
  const remaining = media.finalizedAt + media.processingMs - state.now();
  if (remaining <= 0) return { processing_info: { state: 'succeeded', progress_percent: 100 } };
  return {
    processing_info: {
      state: forStatus ? 'in_progress' : 'pending',
      check_after_secs: Math.max(1, Math.ceil(remaining / 1000)),
      ...(forStatus ? { progress_percent: 50 } : {}),
    },
  };
}

function needsProcessing(mediaType: string, category: unknown): boolean {
  return (
    mediaType.startsWith('video/') || mediaType === 'image/gif' || /(gif|video)$/.test(String(category ?? ''))
  );
}

function mediaKey(media: XMedia): string {
  return `${media.mediaType.startsWith('video/') ? 7 : media.mediaType === 'image/gif' ? 16 : 3}_${media.id}`;
}
