import {
  checkContent,
  type CheckContext,
  type ContentCheckInput,
  type ContentCheckText,
} from '@carecast/shared/compliance';
import {
  isBlogChannel,
  type AlertUrgency,
  type ChannelKind,
  type ContentSettings,
  type CreatePostRequest,
  type Finding,
  type Post,
  type PostKind,
} from '@carecast/shared/contracts';
import { utcIsoToZoned, zonedToUtcIso } from './zoned-time';

/** What a channel's tab holds: null text is the base text, as written. */
export interface VariantDraft {
  text: string | null;
  title: string | null;
  body: string | null;
}

/** An image placed in the post, as the composer holds it. */
export interface ImageDraft {
  mediaId: string;
  url: string;
  width: number;
  height: number;
  altText: string;
  decorative: boolean;
}

export type ScheduleMode = 'on_approval' | 'at';

/**
 * Everything the composer's form holds, as plain values (so a draft kept in the browser can be
 * put back as it was): dates and times are wall-clock fields in the organisation's zone.
 */
export interface ComposerValue {
  kind: PostKind;
  urgency: AlertUrgency;
  validFromDate: string;
  validFromTime: string;
  validUntilDate: string;
  validUntilTime: string;
  allClearText: string;
  text: string;
  spanishText: string;
  /** The Spanish article's title and HTML body, for the blog channels targeted. */
  spanishTitle: string;
  spanishBody: string;
  link: string;
  tags: string[];
  channelIds: string[];
  variants: Record<string, VariantDraft>;
  images: ImageDraft[];
  scheduleMode: ScheduleMode;
  scheduleDate: string;
  scheduleTime: string;
}

/** The channel facts the composer needs: which kind each targeted channel is. */
export interface ChannelRef {
  id: string;
  kind: ChannelKind;
}

export function emptyComposerValue(): ComposerValue {
  return {
    kind: 'post',
    urgency: 'routine',
    validFromDate: '',
    validFromTime: '',
    validUntilDate: '',
    validUntilTime: '',
    allClearText: '',
    text: '',
    spanishText: '',
    spanishTitle: '',
    spanishBody: '',
    link: '',
    tags: [],
    channelIds: [],
    variants: {},
    images: [],
    scheduleMode: 'on_approval',
    scheduleDate: '',
    scheduleTime: '',
  };
}

/** The form's values for a saved post, its times shown in the organisation's zone. */
export function composerValueOf(post: Post, timeZone: string): ComposerValue {
  const from = utcIsoToZoned(post.validFrom, timeZone);
  const until = utcIsoToZoned(post.validUntil, timeZone);
  const at = utcIsoToZoned(post.scheduledAt, timeZone);
  return {
    kind: post.kind,
    urgency: post.urgency ?? 'routine',
    validFromDate: from.date,
    validFromTime: from.time,
    validUntilDate: until.date,
    validUntilTime: until.time,
    allClearText: post.allClearText ?? '',
    text: post.text,
    spanishText: post.spanish?.text ?? '',
    spanishTitle: post.spanish?.title ?? '',
    spanishBody: post.spanish?.body ?? '',
    link: post.link ?? '',
    tags: [...post.tags],
    channelIds: post.variants.map((v) => v.channelId),
    variants: Object.fromEntries(
      post.variants.map((v) => [v.channelId, { text: v.text, title: v.title, body: v.body }]),
    ),
    images: post.images.map((i) => ({
      mediaId: i.mediaId,
      url: i.url,
      width: i.width,
      height: i.height,
      altText: i.altText ?? '',
      decorative: i.decorative,
    })),
    scheduleMode: post.scheduledAt ? 'at' : 'on_approval',
    scheduleDate: at.date,
    scheduleTime: at.time,
  };
}

const blank = (text: string | null | undefined) => (text ?? '').trim() === '';
const orNull = (text: string | null | undefined) => (blank(text) ? null : (text as string));

/** Whether a blog channel is among those targeted (the Spanish article is then written too). */
export function targetsBlog(value: ComposerValue, channels: ReadonlyMap<string, ChannelRef>): boolean {
  return value.channelIds.some((id) => {
    const channel = channels.get(id);
    return channel !== undefined && isBlogChannel(channel.kind);
  });
}

/** The Spanish version of an alert as the api takes it; null when nothing of it is written. */
function spanishRequestOf(
  value: ComposerValue,
  channels: ReadonlyMap<string, ChannelRef>,
): CreatePostRequest['spanish'] {
  const blog = targetsBlog(value, channels);
  const title = blog ? orNull(value.spanishTitle) : null;
  const body = blog ? orNull(value.spanishBody) : null;
  if (blank(value.spanishText) && title === null && body === null) return null;
  return { text: value.spanishText, title, body };
}

/** What the api takes for the form's values (create or update: the whole content). */
export function contentRequestOf(
  value: ComposerValue,
  channels: ReadonlyMap<string, ChannelRef>,
  timeZone: string,
): CreatePostRequest {
  const alert = value.kind === 'health_alert';
  return {
    kind: value.kind,
    text: value.text,
    link: orNull(value.link?.trim()),
    tags: value.tags,
    variants: value.channelIds
      .filter((id) => channels.has(id))
      .map((channelId) => {
        const v = value.variants[channelId];
        const blog = isBlogChannel((channels.get(channelId) as ChannelRef).kind);
        return {
          channelId,
          text: v?.text ?? null,
          ...(blog ? { title: orNull(v?.title), body: orNull(v?.body) } : {}),
        };
      }),
    images: value.images.map((i) => ({
      mediaId: i.mediaId,
      altText: i.decorative ? null : orNull(i.altText),
      decorative: i.decorative,
    })),
    urgency: alert ? value.urgency : null,
    validFrom: alert
      ? zonedToUtcIso({ date: value.validFromDate, time: value.validFromTime }, timeZone)
      : null,
    validUntil: alert
      ? zonedToUtcIso({ date: value.validUntilDate, time: value.validUntilTime }, timeZone)
      : null,
    allClearText: alert ? orNull(value.allClearText) : null,
    spanish: alert ? spanishRequestOf(value, channels) : null,
    scheduledAt:
      value.scheduleMode === 'at'
        ? zonedToUtcIso({ date: value.scheduleDate, time: value.scheduleTime }, timeZone)
        : null,
  };
}

/**
 * What the checks read of the form, each text named by its field as the server names it (so
 * the browser's findings and the server's point at the same places): the base text, each
 * channel's text (or the base text measured for that platform), blog titles and bodies, the
 * "all clear" text, the Spanish text and the images' alt texts.
 */
export function checkInputOf(
  value: ComposerValue,
  channels: ReadonlyMap<string, ChannelRef>,
): ContentCheckInput {
  const alert = value.kind === 'health_alert';
  const texts: ContentCheckText[] = [{ field: 'base.text', text: value.text, channel: null, language: 'en' }];
  const targeted = value.channelIds.flatMap((id) => {
    const channel = channels.get(id);
    return channel ? [channel] : [];
  });
  for (const channel of targeted) {
    const v = value.variants[channel.id] ?? { text: null, title: null, body: null };
    const key = `variants.${channel.id}`;
    const blog = isBlogChannel(channel.kind);
    if (blog) {
      if (!blank(v.title))
        texts.push({ field: `${key}.title`, text: v.title as string, channel: channel.kind, language: 'en' });
      if (!blank(v.body))
        texts.push({
          field: `${key}.body`,
          text: v.body as string,
          channel: channel.kind,
          language: 'en',
          format: 'html',
        });
      else if (v.text === null)
        texts.push({ field: 'base.text', text: value.text, channel: channel.kind, language: 'en' });
    }
    if (v.text !== null)
      texts.push({ field: `${key}.text`, text: v.text, channel: channel.kind, language: 'en' });
    else if (!blog)
      texts.push({ field: 'base.text', text: value.text, channel: channel.kind, language: 'en' });
  }
  if (alert && !blank(value.allClearText))
    texts.push({ field: 'allClearText', text: value.allClearText, channel: null, language: 'en' });
  if (alert && !blank(value.spanishText)) {
    texts.push({ field: 'spanish.text', text: value.spanishText, channel: null, language: 'es' });
    for (const kind of new Set(targeted.map((c) => c.kind)))
      if (!isBlogChannel(kind))
        texts.push({ field: 'spanish.text', text: value.spanishText, channel: kind, language: 'es' });
  }
  if (alert && targeted.some((c) => isBlogChannel(c.kind))) {
    if (!blank(value.spanishTitle))
      texts.push({ field: 'spanish.title', text: value.spanishTitle, channel: null, language: 'es' });
    if (!blank(value.spanishBody))
      texts.push({
        field: 'spanish.body',
        text: value.spanishBody,
        channel: null,
        language: 'es',
        format: 'html',
      });
  }
  return {
    kind: value.kind,
    urgency: alert ? value.urgency : null,
    texts,
    media: value.images.map((image, i) => ({
      field: `media.${i}.altText`,
      altText: orNull(image.altText),
      decorative: image.decorative,
    })),
    link: orNull(value.link?.trim()),
  };
}

/** The check context of an organisation: its name and the details its settings allow. */
export function checkContextOf(organisationName: string, settings: ContentSettings | null): CheckContext {
  return {
    organisation: {
      name: organisationName,
      phones: settings?.contact.phones ?? [],
      emails: settings?.contact.emails ?? [],
      addresses: settings?.contact.addresses ?? [],
      websites: settings?.contact.websites ?? [],
      staffNames: settings?.staffNames ?? [],
    },
    requireSpanishForAlerts: settings?.requireSpanishForAlerts ?? false,
  };
}

/** The findings of the browser's checks, each once (a text checked for several platforms finds its words once). */
export function liveFindingsOf(
  value: ComposerValue,
  channels: ReadonlyMap<string, ChannelRef>,
  ctx: CheckContext,
): Finding[] {
  const seen = new Set<string>();
  return checkContent(checkInputOf(value, channels), ctx).filter((f) => {
    const key = JSON.stringify([f.rule, f.field, f.span?.start ?? null, f.span?.end ?? null, f.excerpt]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
