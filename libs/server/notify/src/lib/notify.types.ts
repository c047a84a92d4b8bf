import type { Permission, NotificationKind } from '@carecast/shared/contracts';

/**
 * What to tell whom. Recipients are the listed users and/or every active member of the
 * organisation holding `recipientPermission`, less `excludeUserIds` (e.g. whoever acted); only
 * active members of `organisationId` ever receive anything.
 */
export interface NotifyInput {
  organisationId: string;
  recipientUserIds?: string[];
  recipientPermission?: Permission;
  excludeUserIds?: string[];
  kind: NotificationKind;
  /** Shown in the dashboard only (emails say what happened and link here, nothing more). */
  title: string;
  body: string;
  /** A path inside the dashboard, starting with `/` (e.g. `/posts/<id>`). */
  link: string;
  postId?: string | null;
  /** Who caused it (shown with the notification); none when Carecast did. */
  actorUserId?: string | null;
  /** The request (or job) that caused it, for the logs of the mail it may send. */
  requestId?: string | null;
}

/** Who was notified. */
export interface NotifyResult {
  recipientUserIds: string[];
}
