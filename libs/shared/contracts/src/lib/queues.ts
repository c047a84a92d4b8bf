/**
 * Queue and job names with their payload types: the one place api (producer) and worker
 * (consumer) agree on what travels through Redis.
 */
export const QueueName = {
  System: 'system',
  Audit: 'audit',
  Mail: 'mail',
  Review: 'review',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  Heartbeat: 'heartbeat',
  AuditCheckpoint: 'audit-checkpoint',
  PasswordResetMail: 'password-reset-mail',
  OutsideReviewMail: 'outside-review-mail',
  PostExpirySweep: 'post-expiry-sweep',
  NotificationMail: 'notification-mail',
  NotificationMailSweep: 'notification-mail-sweep',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Every job carries the id of the request (or scheduler tick) that caused it, for the logs. */
export interface JobMeta {
  requestId: string;
}

export interface HeartbeatJobData extends JobMeta {
  requestedAt: string;
  source: 'scheduler' | 'api';
}

/** Sign a checkpoint of every organisation's audit chain head. */
export type AuditCheckpointJobData = JobMeta;

/**
 * Make a password-reset link for the account of an address, if there is one, and email it.
 * Queued by the api for every request, known address or not, so the answer costs the same work
 * either way; the worker looks the address up and makes the link, so no usable token ever
 * travels through Redis.
 */
export interface PasswordResetMailJobData extends JobMeta {
  /** The address as typed, encrypted with the data key (never in plain text in Redis). */
  emailSealed: string;
  /** Where the request came from, for the audit trail. */
  ip: string | null;
  userAgent: string | null;
  /**
   * Random, one per request: the link is derived from it with a server key, so each retry of the
   * job mails the same link and makes no second token or audit entry. (Jobs queued before it
   * existed have none and get a random link.)
   */
  resetKey?: string;
}

/** Email one notification to its recipient (if still pending: a retry or a second job sends nothing twice). */
export interface NotificationMailJobData extends JobMeta {
  notificationId: string;
}

/** Queue again the notification emails whose job never ran (Redis was away when they were asked for). */
export type NotificationMailSweepJobData = JobMeta;

/**
 * Email an outside approver (someone without a seat, e.g. a physician) their single-use link to
 * a post. The link's token is derived from `linkKey` with a server key, so what travels through
 * Redis opens nothing by itself, and a retry mails the same link; the address is read from the
 * link's row, never carried here.
 */
export interface OutsideReviewMailJobData extends JobMeta {
  organisationId: string;
  linkId: string;
  linkKey: string;
}

/** Expire the posts whose scheduled time passed while they waited in review (or approved), and tell their authors. */
export type PostExpirySweepJobData = JobMeta;

export interface JobPayloads {
  [JobName.Heartbeat]: HeartbeatJobData;
  [JobName.AuditCheckpoint]: AuditCheckpointJobData;
  [JobName.PasswordResetMail]: PasswordResetMailJobData;
  [JobName.OutsideReviewMail]: OutsideReviewMailJobData;
  [JobName.PostExpirySweep]: PostExpirySweepJobData;
  [JobName.NotificationMail]: NotificationMailJobData;
  [JobName.NotificationMailSweep]: NotificationMailSweepJobData;
}

/** Which queue each job is processed on. */
export const JobQueue: Record<JobName, QueueName> = {
  [JobName.Heartbeat]: QueueName.System,
  [JobName.AuditCheckpoint]: QueueName.Audit,
  [JobName.PasswordResetMail]: QueueName.Mail,
  [JobName.OutsideReviewMail]: QueueName.Mail,
  [JobName.PostExpirySweep]: QueueName.Review,
  [JobName.NotificationMail]: QueueName.Mail,
  [JobName.NotificationMailSweep]: QueueName.Mail,
};
