/**
 * What Carecast tells people about their work: in the dashboard (the bell, live over
 * Server-Sent Events) and by email, each per the person's own preferences.
 */
export const NOTIFICATION_KINDS = [
  'review_requested',
  'changes_requested',
  'approved',
  'expired',
  'publish_failed',
  'mentioned',
  'commented',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How each kind is named in the preferences. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  review_requested: 'A post is waiting for my review',
  changes_requested: 'A reviewer asked for changes to my post',
  approved: 'My post was approved',
  expired: 'My post expired before it could be published',
  publish_failed: 'A post could not be published',
  mentioned: 'Someone mentioned me in a comment',
  commented: 'Someone commented on my post',
};

export interface NotificationChannels {
  /** Shown in the dashboard (the bell). */
  inApp: boolean;
  /** Sent by email. */
  email: boolean;
}

/**
 * What a person gets before changing anything: every kind in the dashboard, and by email the
 * kinds that ask for something to be done (approvals and comments on one's own posts only in
 * the dashboard, so the inbox is not flooded).
 */
export const NOTIFICATION_DEFAULTS: Record<NotificationKind, NotificationChannels> = {
  review_requested: { inApp: true, email: true },
  changes_requested: { inApp: true, email: true },
  approved: { inApp: true, email: false },
  expired: { inApp: true, email: true },
  publish_failed: { inApp: true, email: true },
  mentioned: { inApp: true, email: true },
  commented: { inApp: true, email: false },
};

/** Longest title and body a notification keeps (longer ones are cut with an ellipsis). */
export const NOTIFICATION_TITLE_MAX = 200;
export const NOTIFICATION_BODY_MAX = 1000;

/** One notification, as its recipient sees it. */
export interface NotificationSummary {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path inside the dashboard, e.g. `/posts/<id>`. */
  link: string;
  postId: string | null;
  /** Who caused it; null when Carecast did (e.g. a failed publish). */
  actor: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/notifications`: newest first. */
export interface NotificationPage {
  items: NotificationSummary[];
  /** Pass as `before` to get the next, older page; null when there is none. */
  nextCursor: string | null;
  unread: number;
}

/** `GET /api/notifications/unread-count`, and the answer of the mark-read routes. */
export interface UnreadCount {
  unread: number;
}

/** One kind's settings of the signed-in person, in this organisation. */
export interface NotificationPreference extends NotificationChannels {
  kind: NotificationKind;
  label: string;
}

/** `GET` and `PUT /api/notifications/preferences`. */
export interface NotificationPreferences {
  preferences: NotificationPreference[];
}

/** `PUT /api/notifications/preferences`: the kinds to change (others keep their settings). */
export interface UpdateNotificationPreferencesRequest {
  preferences: Array<NotificationChannels & { kind: NotificationKind }>;
}

/** Name of the Server-Sent Events the stream sends (`event: notification`). */
export const NOTIFICATION_STREAM_EVENT = 'notification';

/**
 * `GET /api/notifications/stream` (Server-Sent Events): one event when the stream opens (the
 * count, no notification), one per new notification, and one with the new count whenever some
 * are marked read (in this or another tab).
 */
export interface NotificationStreamEvent {
  unread: number;
  notification: NotificationSummary | null;
}

/** Where in the dashboard a person changes these preferences (linked from every email). */
export const NOTIFICATION_PREFERENCES_PATH = '/account/notifications';
