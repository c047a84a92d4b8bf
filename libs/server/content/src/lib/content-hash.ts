import { createHash } from 'node:crypto';
import type { PostSnapshot } from '@carecast/shared/contracts';

/**
 * JSON with object keys sorted and no spaces, so equal content always gives equal text. Part of
 * the stored format of content hashes: changing it changes the hash of every post (and so voids
 * every approval). `undefined` inside objects is left out, elsewhere it is `null`; only plain
 * data is expected (strings, finite numbers, booleans, null, arrays, plain objects).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${entries.join(',')}}`;
}

/** Marks what the hash is of and in which version of this format. */
const DOMAIN = 'carecast.post.content';
const VERSION = 1;

/**
 * What would be published, in a fixed shape: everything of the snapshot but the campaign tags
 * (they are never published). The channels count as a set (their order does not matter); the
 * images keep their order (it is the order they are shown in) and stand for their stored bytes
 * by the bytes' SHA-256.
 */
export function publishedContentOf(s: PostSnapshot): unknown {
  return {
    kind: s.kind,
    urgency: s.urgency,
    validFrom: s.validFrom,
    validUntil: s.validUntil,
    allClearText: s.allClearText,
    text: s.text,
    link: s.link,
    variants: [...s.variants]
      .sort((a, b) => (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0))
      .map((v) => ({
        channelId: v.channelId,
        channelKind: v.channelKind,
        text: v.text,
        title: v.title,
        body: v.body,
      })),
    images: s.images.map((i) => ({
      mediaId: i.mediaId,
      sha256: i.sha256,
      altText: i.altText,
      decorative: i.decorative,
    })),
    spanish: s.spanish ? { text: s.spanish.text, title: s.spanish.title, body: s.spanish.body } : null,
    scheduledAt: s.scheduledAt,
  };
}

/** SHA-256 (hex) of everything the snapshot would publish: approvals are tied to it. */
export function contentHashOf(s: PostSnapshot): string {
  return createHash('sha256')
    .update(canonicalJson([DOMAIN, VERSION, publishedContentOf(s)]), 'utf8')
    .digest('hex');
}

/** Whether two snapshots hold exactly the same (tags included). */
export function sameSnapshot(a: PostSnapshot, b: PostSnapshot): boolean {
  return contentHashOf(a) === contentHashOf(b) && canonicalJson(a.tags) === canonicalJson(b.tags);
}
