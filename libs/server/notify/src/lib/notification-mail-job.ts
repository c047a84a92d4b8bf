/** How long a queued notification email's job is tried before the worker's sweep takes over. */
export const NOTIFICATION_MAIL_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
} as const;

/** The BullMQ job id of a notification's email: one job per notification (and per sweep round). */
export function notificationMailJobId(notificationId: string, round?: Date): string {
  return round
    ? `notification-mail-${notificationId}-${round.getTime()}`
    : `notification-mail-${notificationId}`;
}
