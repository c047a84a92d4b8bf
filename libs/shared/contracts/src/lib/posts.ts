import type { ChannelKind } from './channels';
import type { Finding } from './compliance';
import type { AlertUrgency, PostKind, PostState } from './content';

/**
 * Posts as the api takes and gives them (`/api/posts`, `/api/media`, `/api/templates`,
 * `/api/organisation/content-settings`). Times are ISO 8601 instants in UTC.
 */

/** Channel kinds whose variant is a blog article: a title and a rich HTML body. */
export const BLOG_CHANNEL_KINDS = [
  'wordpress_blog',
  'carecast_blog',
] as const satisfies readonly ChannelKind[];

export function isBlogChannel(kind: ChannelKind): boolean {
  return (BLOG_CHANNEL_KINDS as readonly ChannelKind[]).includes(kind);
}

/** The longest each part of a post may be (characters), and how many of each a post may carry. */
export const POST_LIMITS = {
  /** Facebook's limit; X's shorter one is a compliance finding, so a long draft can still be saved. */
  text: 63_206,
  title: 200,
  /** A blog article's HTML body. */
  body: 200_000,
  link: 2_048,
  tags: 20,
  tag: 50,
  altText: 1_000,
  allClearText: 5_000,
  /** Channels one post may target. */
  channels: 20,
  /** The text search of the post list. */
  search: 200,
} as const;

/** The image types an upload may be (judged by its content, not its name). */
export const MEDIA_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type MediaContentType = (typeof MEDIA_CONTENT_TYPES)[number];

/** The multipart field of `POST /api/media` that carries the file. */
export const MEDIA_UPLOAD_FIELD = 'file';

// ---------------------------------------------------------------------------------------------
// Requests

/** A channel the post goes to, and what differs there from the base text. */
export interface PostVariantInput {
  channelId: string;
  /** This channel's own text; null or absent: the base text. */
  text?: string | null;
  /** Blog channels only: the article's title. */
  title?: string | null;
  /** Blog channels only: the article's body as HTML (kept to a safe set of tags). */
  body?: string | null;
}

/** An uploaded image (`POST /api/media`) placed in the post, in order. */
export interface PostImageInput {
  mediaId: string;
  /** What the image shows, for people using screen readers; required unless decorative. */
  altText?: string | null;
  /** Purely decorative: no alt text needed. */
  decorative?: boolean;
}

/** Health alerts only: the Spanish version of the notice. */
export interface SpanishVariantInput {
  text: string;
  /** For blog channels: the article's title and HTML body in Spanish. */
  title?: string | null;
  body?: string | null;
}

/** Everything of a post a person writes; on PATCH, a field left out stays as it is, null clears it. */
export interface PostContentInput {
  text?: string;
  link?: string | null;
  /** Campaign tags (for finding and grouping posts; never published). */
  tags?: string[];
  /** The channels targeted, each with its variant; replaces the whole list when given. */
  variants?: PostVariantInput[];
  /** Up to MAX_POST_IMAGES; replaces the whole list when given. */
  images?: PostImageInput[];
  /** Health alerts only (default `routine`). */
  urgency?: AlertUrgency | null;
  /** Health alerts only: when the notice applies; `validUntil` must be after `validFrom`. */
  validFrom?: string | null;
  validUntil?: string | null;
  /** Health alerts only: the follow-up to publish when it is over. */
  allClearText?: string | null;
  /** Health alerts only. */
  spanish?: SpanishVariantInput | null;
  /** When to publish (UTC); null: as soon as it is approved. */
  scheduledAt?: string | null;
}

/** `POST /api/posts`: a new draft. */
export interface CreatePostRequest extends PostContentInput {
  kind: PostKind;
}

/**
 * `PATCH /api/posts/:id`: save changes (autosave-friendly: send only what changed). `revision`
 * is the revision the changes were made on; if someone saved since, the answer is 409 and nothing
 * is saved. Saving a post that was past draft (in review, approved, scheduled...) returns it to
 * draft: its approvals no longer apply.
 */
export interface UpdatePostRequest extends PostContentInput {
  revision: number;
  kind?: PostKind;
}

export const POST_SORTS = ['updated_desc', 'created_asc', 'submitted_asc', 'scheduled_asc'] as const;
export type PostSort = (typeof POST_SORTS)[number];

/** `GET /api/posts` query. */
export interface PostListQuery {
  /** One or more states (repeat the parameter or separate with commas). */
  state?: PostState[];
  kind?: PostKind;
  channelId?: string;
  tag?: string;
  /** Words found in the text, titles, Spanish text or tags. */
  q?: string;
  /** Scheduled at or after / before this instant (the calendar). */
  scheduledFrom?: string;
  scheduledTo?: string;
  sort?: PostSort;
  /** Default 0. */
  offset?: number;
  /** Default 25, at most 100. */
  limit?: number;
}

/** `PUT /api/organisation/content-settings`: the whole settings. */
export interface UpdateContentSettingsRequest {
  requiredApprovals: Record<PostKind, number>;
  allowEmergencyFastPath: boolean;
  requireSpanishForAlerts: boolean;
  contact: PracticeContactDetails;
  staffNames: string[];
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface PersonRef {
  id: string;
  name: string;
}

export interface PostChannelRef {
  id: string;
  kind: ChannelKind;
  name: string;
}

export interface PostVariant {
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  text: string | null;
  title: string | null;
  body: string | null;
}

export interface PostImage {
  mediaId: string;
  /** Where a signed-in member of the organisation loads it: `/api/media/:id`. */
  url: string;
  contentType: MediaContentType;
  width: number;
  height: number;
  altText: string | null;
  decorative: boolean;
}

export interface SpanishVariant {
  text: string;
  title: string | null;
  body: string | null;
}

/** A post in a list. */
export interface PostSummary {
  id: string;
  kind: PostKind;
  state: PostState;
  urgency: AlertUrgency | null;
  /** The base text (the list shows its beginning). */
  text: string;
  channels: PostChannelRef[];
  tags: string[];
  imageCount: number;
  scheduledAt: string | null;
  /** When it was last sent for review; null if never. */
  submittedAt: string | null;
  revision: number;
  author: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

/** A whole post. */
export interface Post {
  id: string;
  kind: PostKind;
  state: PostState;
  urgency: AlertUrgency | null;
  validFrom: string | null;
  validUntil: string | null;
  allClearText: string | null;
  text: string;
  link: string | null;
  tags: string[];
  variants: PostVariant[];
  images: PostImage[];
  spanish: SpanishVariant | null;
  scheduledAt: string | null;
  submittedAt: string | null;
  /** +1 on every saved edit; send it back with the next edit. */
  revision: number;
  /** SHA-256 (hex) of everything that would be published; approvals are tied to it. */
  contentHash: string;
  author: PersonRef | null;
  lastEditedBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/posts/:id` (and the answer to create and update): the post and what the checks find now. */
export interface PostDetail extends Post {
  /**
   * Each finding's `field` names the text it is in: `base.text`, `variants.<channelId>.text`,
   * `variants.<channelId>.title`, `variants.<channelId>.body` (blog HTML), `allClearText`,
   * `spanish.text`, `spanish.title`, `spanish.body`, `media.<index>.altText`. A finding about the
   * base text as measured on one platform (its length on X) is on `base.text` too.
   */
  findings: Finding[];
}

/** `GET /api/posts`. */
export interface PostPage {
  posts: PostSummary[];
  /** How many posts match the filters in all. */
  total: number;
  offset: number;
  limit: number;
}

/** A saved revision's content, as it was: what would be published, and the campaign tags. */
export interface PostSnapshot {
  kind: PostKind;
  urgency: AlertUrgency | null;
  validFrom: string | null;
  validUntil: string | null;
  allClearText: string | null;
  text: string;
  link: string | null;
  tags: string[];
  variants: Array<{
    channelId: string;
    channelKind: ChannelKind;
    text: string | null;
    title: string | null;
    body: string | null;
  }>;
  images: Array<{ mediaId: string; sha256: string; altText: string | null; decorative: boolean }>;
  spanish: SpanishVariant | null;
  scheduledAt: string | null;
}

/** `GET /api/posts/:id/versions`: every saved revision, newest first. */
export interface PostVersionSummary {
  revision: number;
  contentHash: string;
  editor: PersonRef | null;
  createdAt: string;
}

/** `GET /api/posts/:id/versions/:revision`. */
export interface PostVersion extends PostVersionSummary {
  snapshot: PostSnapshot;
}

/** `POST /api/media` (multipart, field `file`): the stored image, its metadata removed. */
export interface MediaAsset {
  id: string;
  url: string;
  contentType: MediaContentType;
  width: number;
  height: number;
  byteSize: number;
  createdAt: string;
}

/** The practice's own published contact details: allowed in posts and replies by the privacy checks. */
export interface PracticeContactDetails {
  phones: string[];
  emails: string[];
  addresses: string[];
  websites: string[];
}

/** `GET /api/organisation/content-settings`. */
export interface ContentSettings {
  /** Approvals a post of each kind needs before it is approved (1–3; default 1). */
  requiredApprovals: Record<PostKind, number>;
  /** Emergency health alerts may be approved at once by a manager and a reviewer (default off). */
  allowEmergencyFastPath: boolean;
  /** Health alerts must carry a Spanish variant (default off). */
  requireSpanishForAlerts: boolean;
  contact: PracticeContactDetails;
  /** Staff names that may appear in posts (e.g. welcoming a new physician). */
  staffNames: string[];
  updatedAt: string | null;
  updatedBy: PersonRef | null;
}

export const CONTENT_SETTINGS_LIMITS = {
  minApprovals: 1,
  maxApprovals: 3,
  /** Entries per list (phones, emails, addresses, websites, staff names). */
  entries: 50,
  entry: 200,
} as const;

export const DEFAULT_CONTENT_SETTINGS: Omit<ContentSettings, 'updatedAt' | 'updatedBy'> = {
  requiredApprovals: { post: 1, health_alert: 1 },
  allowEmergencyFastPath: false,
  requireSpanishForAlerts: false,
  contact: { phones: [], emails: [], addresses: [], websites: [] },
  staffNames: [],
};
