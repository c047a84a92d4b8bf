import { Injectable, Logger } from '@nestjs/common';
import { Clock, storableText } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import { JobProducer } from '@carecast/server/queue';
import {
  JobName,
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_TITLE_MAX,
} from '@carecast/shared/contracts';
import { AfterCommit } from './after-commit';
import { NOTIFICATION_MAIL_JOB_OPTIONS, notificationMailJobId } from './notification-mail-job';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { channelsFor, resolveRecipients } from './notification-recipients';
import { NotificationStreamHub } from './notification-stream.hub';
import {
  NotificationRepository,
  type NewNotification,
  type WrittenNotification,
} from './notification.repository';
import type { NotifyInput, NotifyResult } from './notify.types';

/** A path inside the dashboard: one leading slash (not `//host` nor `/\host`), no spaces or controls. */
// eslint-disable-next-line no-control-regex -- control characters are what must not be in a link
const IN_APP_PATH = /^\/(?![/\\])[^\s\u0000-\u001f\u007f]*$/;
const LINK_MAX = 500;

function fitted(text: string, max: number): string {
  const clean = storableText(text).trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** In-app notifications and emails, each per the recipient's preferences. */
@Injectable()
export class NotifyService {
  private readonly logger = new Logger(NotifyService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly afterCommit: AfterCommit,
    private readonly hub: NotificationStreamHub,
    private readonly jobs: JobProducer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Notify the recipients of `input`: a row for each who wants this kind in the dashboard or by
   * email, written in `tx` when given (so it exists only if the caller's change commits). Once
   * committed, each recipient's open dashboards get it live, and an email is queued for each
   * who wants one. The row is the email's outbox: an email whose job could not be queued (Redis
   * away) is queued again by the worker's sweep, so none is lost.
   */
  async notify(tx: Tx | null, input: NotifyInput): Promise<NotifyResult> {
    if (!IN_APP_PATH.test(input.link) || input.link.length > LINK_MAX)
      throw new Error(
        `A notification links to a path inside the dashboard, not "${input.link.slice(0, 80)}"`,
      );
    const write = (t: Tx) => this.write(t, input);
    const written = tx ? await write(tx) : await this.db.run(write);
    if (written.length)
      this.afterCommit.run(tx, () => this.deliver(input.organisationId, written, input.requestId ?? null));
    return { recipientUserIds: written.map((w) => w.recipientId) };
  }

  private async write(tx: Tx, input: NotifyInput): Promise<WrittenNotification[]> {
    const listedOnly = input.recipientPermission ? null : (input.recipientUserIds ?? []);
    if (listedOnly && !listedOnly.length) return [];
    const members = await this.notifications.activeMembers(input.organisationId, listedOnly, tx);
    const recipients = resolveRecipients(members, input);
    if (!recipients.length) return [];
    const stored = await this.preferences.forKind(input.organisationId, recipients, input.kind, tx);
    const channels = channelsFor(recipients, input.kind, stored);
    const createdAt = this.clock.now();
    const title = fitted(input.title, NOTIFICATION_TITLE_MAX) || NOTIFICATION_KIND_LABELS[input.kind];
    const body = fitted(input.body, NOTIFICATION_BODY_MAX);
    const rows: NewNotification[] = recipients
      .map((recipientId) => ({
        recipientId,
        ...(channels.get(recipientId) ?? { inApp: false, email: false }),
      }))
      .filter((r) => r.inApp || r.email)
      .map((r) => ({
        organisationId: input.organisationId,
        recipientId: r.recipientId,
        kind: input.kind,
        title,
        body,
        link: input.link,
        postId: input.postId ?? null,
        actorId: input.actorUserId ?? null,
        inApp: r.inApp,
        email: r.email,
        createdAt,
      }));
    return this.notifications.insert(rows, tx);
  }

  /** After the commit: live events to open dashboards, and the email jobs. Failures are logged. */
  private async deliver(organisationId: string, written: WrittenNotification[], requestId: string | null) {
    await Promise.all([
      this.publish(
        organisationId,
        written.filter((w) => w.inApp),
      ),
      ...written
        .filter((w) => w.emailPending)
        .map((w) =>
          this.jobs
            .enqueue(
              JobName.NotificationMail,
              { requestId: requestId ?? `notification-${w.id}`, notificationId: w.id },
              { jobId: notificationMailJobId(w.id), ...NOTIFICATION_MAIL_JOB_OPTIONS },
            )
            .catch((err: unknown) =>
              this.logger.warn({
                msg: 'notification email not queued: the sweep will',
                notificationId: w.id,
                err,
              }),
            ),
        ),
    ]);
  }

  private async publish(organisationId: string, shown: WrittenNotification[]): Promise<void> {
    if (!shown.length) return;
    try {
      const [summaries, counts] = await Promise.all([
        this.notifications.summaries(
          organisationId,
          shown.map((w) => w.id),
        ),
        this.notifications.unreadCounts(
          organisationId,
          shown.map((w) => w.recipientId),
        ),
      ]);
      await Promise.all(
        summaries.map(({ recipientId, ...notification }) =>
          this.hub.publish(organisationId, recipientId, {
            unread: counts.get(recipientId) ?? 0,
            notification,
          }),
        ),
      );
    } catch (err) {
      this.logger.warn({ msg: 'live notifications not sent (they are in the list)', err });
    }
  }
}
