import { ValidationError } from '@carecast/server/core';
import {
  type ChannelKind,
  type CreatePostRequest,
  isBlogChannel,
  MAX_POST_IMAGES,
  POST_LIMITS,
  type FieldViolation,
  type PostKind,
  type PostSnapshot,
  type UpdatePostRequest,
} from '@carecast/shared/contracts';
import { sanitizeBlogHtml } from './blog-html';

/** What the changes are checked against: the organisation's channels and images, and the time. */
export interface ChangeContext {
  /** The organisation's channels, by id. */
  channels: ReadonlyMap<string, { kind: ChannelKind }>;
  /** The organisation's images the changes name, by id (others are not in this map). */
  media: ReadonlyMap<string, { sha256: string }>;
  now: Date;
}

/** A scheduled time this close to now (or earlier) is too soon to be reviewed and published. */
const SCHEDULE_GRACE_MS = 60_000;

const EMPTY: PostSnapshot = {
  kind: 'post',
  urgency: null,
  validFrom: null,
  validUntil: null,
  allClearText: null,
  text: '',
  link: null,
  tags: [],
  variants: [],
  images: [],
  spanish: null,
  scheduledAt: null,
};

// eslint-disable-next-line no-control-regex -- control characters are what must be found
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Blank (or only spaces) counts as not given. */
function optionalText(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function instant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Campaign tags as stored: spaces collapsed, blanks dropped, each once (ignoring case). */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/**
 * The post's content after the changes (a new post: `current` null), checked against the rules
 * a request's shape cannot express: channels and images of this organisation, blog-only and
 * alert-only parts, the validity period's order, a scheduled time in the future. Throws a
 * ValidationError naming every field and rule broken; changes nothing.
 */
export function applyChanges(
  current: PostSnapshot | null,
  input: CreatePostRequest | UpdatePostRequest,
  ctx: ChangeContext,
): PostSnapshot {
  const before = current ?? EMPTY;
  const violations: FieldViolation[] = [];
  const refuse = (field: string, rule: string, message: string) => violations.push({ field, rule, message });
  const has = <K extends keyof CreatePostRequest>(key: K) => input[key] !== undefined;
  /**
   * A blog body as kept: sanitised. The request's check saw the markup, where a character
   * reference (`&#1;`) is harmless text; sanitising reads it into the character itself.
   */
  const blogBody = (field: string, markup: string): string | null => {
    const body = optionalText(sanitizeBlogHtml(markup));
    if (body !== null && CONTROL.test(body))
      refuse(
        field,
        'noControlCharacters',
        `${field} must not contain control characters (even written as &#…;).`,
      );
    return body;
  };

  const kind: PostKind = input.kind ?? before.kind;
  const alert = kind === 'health_alert';
  const next: PostSnapshot = { ...before, kind };

  if (input.text !== undefined) next.text = input.text;
  if (has('link')) next.link = optionalText(input.link)?.trim() ?? null;
  if (input.tags !== undefined) {
    next.tags = normaliseTags(input.tags);
    if (next.tags.length > POST_LIMITS.tags)
      refuse('tags', 'maxTags', `A post may have at most ${POST_LIMITS.tags} campaign tags.`);
  }

  // Alert-only parts: given for a post, they are refused; a post that becomes a plain post loses them.
  const alertFields = ['urgency', 'validFrom', 'validUntil', 'allClearText', 'spanish'] as const;
  if (!alert) {
    for (const field of alertFields)
      if (input[field] !== undefined && input[field] !== null)
        refuse(field, 'healthAlertOnly', `${field} is only for health alerts (kind health_alert).`);
    Object.assign(next, {
      urgency: null,
      validFrom: null,
      validUntil: null,
      allClearText: null,
      spanish: null,
    });
  } else {
    if (has('urgency')) next.urgency = input.urgency ?? null;
    next.urgency ??= 'routine';
    if (has('validFrom')) next.validFrom = instant(input.validFrom ?? null);
    if (has('validUntil')) next.validUntil = instant(input.validUntil ?? null);
    if (has('allClearText')) next.allClearText = optionalText(input.allClearText);
    if (has('spanish')) {
      const s = input.spanish;
      next.spanish = s
        ? {
            text: s.text,
            title: optionalText(s.title),
            body: s.body === undefined || s.body === null ? null : blogBody('spanish.body', s.body),
          }
        : null;
    }
    if (next.validFrom && next.validUntil && next.validUntil <= next.validFrom)
      refuse('validUntil', 'afterValidFrom', 'validUntil must be later than validFrom.');
  }

  if (has('scheduledAt')) {
    next.scheduledAt = instant(input.scheduledAt ?? null);
    if (
      next.scheduledAt !== null &&
      next.scheduledAt !== before.scheduledAt &&
      Date.parse(next.scheduledAt) < ctx.now.getTime() + SCHEDULE_GRACE_MS
    )
      refuse('scheduledAt', 'inFuture', 'scheduledAt must be at least a minute from now.');
  }

  if (input.variants !== undefined) {
    if (input.variants.length > POST_LIMITS.channels)
      refuse('variants', 'maxChannels', `A post may go to at most ${POST_LIMITS.channels} channels.`);
    const seen = new Set<string>();
    next.variants = [];
    input.variants.forEach((v, i) => {
      const channel = ctx.channels.get(v.channelId);
      if (!channel) {
        refuse(`variants.${i}.channelId`, 'channelOfOrganisation', 'No such channel in this organisation.');
        return;
      }
      if (seen.has(v.channelId)) {
        refuse(`variants.${i}.channelId`, 'unique', 'Each channel may be targeted once.');
        return;
      }
      seen.add(v.channelId);
      const blog = isBlogChannel(channel.kind);
      for (const part of ['title', 'body'] as const)
        if (!blog && optionalText(v[part]) !== null)
          refuse(`variants.${i}.${part}`, 'blogOnly', `Only blog channels have a ${part}.`);
      next.variants.push({
        channelId: v.channelId,
        channelKind: channel.kind,
        text: optionalText(v.text),
        title: blog ? (optionalText(v.title)?.trim() ?? null) : null,
        body: blog && v.body ? blogBody(`variants.${i}.body`, v.body) : null,
      });
    });
  }

  if (input.images !== undefined) {
    if (input.images.length > MAX_POST_IMAGES)
      refuse('images', 'maxImages', `A post may have at most ${MAX_POST_IMAGES} images.`);
    const seen = new Set<string>();
    next.images = [];
    input.images.slice(0, MAX_POST_IMAGES).forEach((image, i) => {
      const media = ctx.media.get(image.mediaId);
      if (!media) {
        refuse(`images.${i}.mediaId`, 'mediaOfOrganisation', 'No such uploaded image in this organisation.');
        return;
      }
      if (seen.has(image.mediaId)) {
        refuse(`images.${i}.mediaId`, 'unique', 'Each image may be in the post once.');
        return;
      }
      seen.add(image.mediaId);
      next.images.push({
        mediaId: image.mediaId,
        sha256: media.sha256,
        altText: optionalText(image.altText)?.trim() ?? null,
        decorative: image.decorative === true,
      });
    });
  }

  if (violations.length) {
    const fields = [...new Set(violations.map((v) => v.field))].join(', ');
    throw new ValidationError(`The post cannot be saved: check ${fields}.`, violations);
  }
  return next;
}
