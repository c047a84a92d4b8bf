/**
 * Queue and job names with their payload types: the one place api (producer) and worker
 * (consumer) agree on what travels through Redis.
 */
export const QueueName = {
  System: 'system',
  Audit: 'audit',
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  Heartbeat: 'heartbeat',
  AuditCheckpoint: 'audit-checkpoint',
  PasswordResetMail: 'password-reset-mail',
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

export interface JobPayloads {
  [JobName.Heartbeat]: HeartbeatJobData;
  [JobName.AuditCheckpoint]: AuditCheckpointJobData;
  [JobName.PasswordResetMail]: PasswordResetMailJobData;
}

/** Which queue each job is processed on. */
export const JobQueue: Record<JobName, QueueName> = {
  [JobName.Heartbeat]: QueueName.System,
  [JobName.AuditCheckpoint]: QueueName.Audit,
  [JobName.PasswordResetMail]: QueueName.Mail,
};
