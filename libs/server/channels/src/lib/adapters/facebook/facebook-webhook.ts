import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { storableText } from '@carecast/server/core';

/**
 * Facebook's webhook scheme (docs/platform-contracts.md, "Webhooks"): the subscription handshake
 * and signed Page `feed` notifications.
 */
export const FACEBOOK_SIGNATURE_HEADER = 'x-hub-signature-256';

export type FacebookSignatureVerdict = 'valid' | 'missing' | 'malformed' | 'mismatch';

/** `sha256=` and the hex HMAC-SHA256 of the raw body bytes under the app secret. */
export function signFacebookPayload(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Checks `X-Hub-Signature-256` against the exact bytes received, in constant time. */
export function verifyFacebookSignature(
  appSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): FacebookSignatureVerdict {
  if (!header) return 'missing';
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header.trim())?.[1];
  if (!hex) return 'malformed';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex')) ? 'valid' : 'mismatch';
}

/** Compares the `hub.verify_token` Facebook echoes with ours without leaking it through timing. */
export function sameVerifyToken(expected: string, given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * A parsed notification as PostgreSQL can store it: jsonb refuses the NUL character and lone
 * surrogates that valid JSON may carry (`\u0000`, `\ud800`). NULs are dropped and lone
 * surrogates become U+FFFD, in keys and values alike; everything else is kept as sent.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableJson(k) as string, storableJson(v)]),
    );
  }
  return value;
}

/**
 * Feed items that carry content someone wrote (what mention ingestion reads). Reactions, likes,
 * events, ratings and the like are acknowledged but not kept.
 */
const CONTENT_ITEMS = new Set(['comment', 'post', 'status', 'photo', 'video', 'share']);

export interface FacebookFeedChange {
  /** The page the change happened on (the entry's id). */
  pageId: string;
  item: string;
  verb: string;
  /** The comment id for comments, else the post id: what a redelivery repeats. */
  externalId: string;
  /** The entry's `time` (Unix seconds), when given. */
  time: number | null;
  /**
   * When the change happened on Facebook (Unix seconds): the later of the entry's `time` and the
   * value's `created_time`. A redelivery repeats it; a second edit of the same comment does not.
   */
  changedAt: number;
  /** The change's `value` exactly as Facebook sent it. */
  value: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | null =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null;

function feedChange(pageId: string, time: number | null, change: unknown): FacebookFeedChange | null {
  if (!isRecord(change) || change['field'] !== 'feed' || !isRecord(change['value'])) return null;
  const value = change['value'];
  const item = value['item'];
  const verb = value['verb'];
  if (typeof item !== 'string' || typeof verb !== 'string' || !CONTENT_ITEMS.has(item) || !verb) return null;
  const externalId = item === 'comment' ? idOf(value['comment_id']) : idOf(value['post_id']);
  if (!externalId) return null;
  const created = value['created_time'];
  const createdAt =
    typeof created === 'number' ? created : typeof created === 'string' ? Date.parse(created) / 1000 : NaN;
  const changedAt = Math.max(time ?? 0, Number.isFinite(createdAt) ? createdAt : 0);
  return { pageId, item, verb, externalId, time, changedAt, value };
}

/**
 * The content changes of a Page notification (`{object: "page", entry: [{id, time, changes}]}`);
 * `skipped` counts the changes left out (other fields, non-content items, no id).
 */
export function facebookFeedChanges(body: unknown): { changes: FacebookFeedChange[]; skipped: number } {
  const changes: FacebookFeedChange[] = [];
  let skipped = 0;
  if (!isRecord(body) || body['object'] !== 'page' || !Array.isArray(body['entry'])) {
    return { changes, skipped: 1 };
  }
  for (const entry of body['entry'] as unknown[]) {
    const pageId = isRecord(entry) ? idOf(entry['id']) : null;
    const list: unknown[] = isRecord(entry) && Array.isArray(entry['changes']) ? entry['changes'] : [];
    if (!isRecord(entry) || !pageId || !list.length) {
      skipped += 1;
      continue;
    }
    const time = typeof entry['time'] === 'number' ? entry['time'] : null;
    for (const raw of list) {
      const change = feedChange(pageId, time, raw);
      if (change) changes.push(change);
      else skipped += 1;
    }
  }
  return { changes, skipped };
}
