import { NOTIFICATION_PREFERENCES_PATH, type NotificationKind } from '@carecast/shared/contracts';
import type { MailMessage } from '@carecast/server/identity';

/**
 * What the email says of each kind. Only that: never the post's title, text, comments or
 * findings (a post under review may still hold a patient's details), so an email forwarded,
 * previewed on a lock screen or kept by a mail provider tells nothing but that there is
 * something to look at, behind the sign-in.
 */
const SENTENCES: Record<NotificationKind, { subject: string; text: string }> = {
  review_requested: {
    subject: 'A post is waiting for your review',
    text: 'A post is waiting for your review',
  },
  changes_requested: {
    subject: 'Changes were requested on your post',
    text: 'A reviewer asked for changes to your post',
  },
  approved: { subject: 'Your post was approved', text: 'Your post was approved' },
  expired: {
    subject: 'Your post expired before it was published',
    text: 'Your post was approved after its scheduled time, so it was not published. Choose a new time',
  },
  publish_failed: {
    subject: 'A post could not be published',
    text: 'A post could not be published. See what went wrong',
  },
  mentioned: {
    subject: 'You were mentioned in a comment',
    text: 'You were mentioned in a comment on a post',
  },
  commented: { subject: 'New comment on your post', text: 'There is a new comment on your post' },
};

/** The plain-text email of a notification: what happened, the link, and where to stop such emails. */
export function notificationEmail(
  kind: NotificationKind,
  link: string,
  where: { to: string; publicUrl: string; organisationName: string },
): MailMessage {
  const base = where.publicUrl.replace(/\/+$/, '');
  const { subject, text } = SENTENCES[kind];
  return {
    to: where.to,
    subject: `${subject} (Carecast)`,
    text:
      `${text} in ${where.organisationName}:\n` +
      `${base}${link}\n\n` +
      'You need to sign in to see it.\n\n' +
      `You get this email because of your notification settings. Change them at ${base}${NOTIFICATION_PREFERENCES_PATH}\n`,
  };
}
