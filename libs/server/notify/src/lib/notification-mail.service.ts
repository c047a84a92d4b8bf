import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { Mailer } from '@carecast/server/identity';
import { JobProducer } from '@carecast/server/queue';
import {
  JobName,
  type NotificationMailJobData,
  type NotificationMailSweepJobData,
} from '@carecast/shared/contracts';
import { notificationEmail } from './notification-email';
import { NotificationRepository } from './notification.repository';
import { NOTIFICATION_MAIL_JOB_OPTIONS, notificationMailJobId } from './notification-mail-job';

/** An email asked for this long ago whose job has not sent it is queued again. */
export const MAIL_SWEEP_AFTER_MS = 2 * 60_000;
/** …and again no sooner than this after the last time. */
const MAIL_REQUEUE_EVERY_MS = 15 * 60_000;
/** An email not sendable for this long is given up (it would only confuse now). */
const MAIL_GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;
const MAIL_SWEEP_BATCH = 500;

/** The worker's half of notification emails: sending one, and sweeping up those whose job was lost. */
@Injectable()
export class NotificationMailService {
  private readonly logger = new Logger(NotificationMailService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mailer: Mailer,
    private readonly jobs: JobProducer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Email the notification if its email is still pending; its row stays locked meanwhile, so a
   * second job for it (a sweep's) waits and then sends nothing. A failed send leaves it pending
   * (the job is retried). Nothing is sent to someone no longer an active member.
   */
  async send(job: NotificationMailJobData): Promise<'sent' | 'skipped'> {
    return this.db.run(async (tx) => {
      const n = await this.notifications.lockForMail(job.notificationId, tx);
      if (!n || n.emailStatus !== 'pending') return 'skipped';
      if (!n.recipientActive) {
        await this.notifications.setEmailStatus(n.id, 'abandoned', this.clock.now(), tx);
        return 'skipped';
      }
      await this.mailer.send(
        notificationEmail(n.kind, n.link, {
          to: n.recipientEmail,
          publicUrl: this.config.http.publicUrl,
          organisationName: n.organisationName,
        }),
      );
      await this.notifications.setEmailStatus(n.id, 'sent', this.clock.now(), tx);
      return 'sent';
    });
  }

  /** Queue again the emails still pending a while after they were asked for; give up on old ones. */
  async sweep(job: NotificationMailSweepJobData): Promise<{ requeued: number; abandoned: number }> {
    const now = this.clock.now();
    const abandoned = await this.notifications.abandonPendingEmails(
      new Date(now.getTime() - MAIL_GIVE_UP_AFTER_MS),
    );
    const stale = await this.notifications.claimStalePendingEmails(
      new Date(now.getTime() - MAIL_SWEEP_AFTER_MS),
      new Date(now.getTime() - MAIL_REQUEUE_EVERY_MS),
      now,
      MAIL_SWEEP_BATCH,
    );
    for (const { id, requeuedAt } of stale)
      await this.jobs.enqueue(
        JobName.NotificationMail,
        { requestId: job.requestId, notificationId: id },
        { jobId: notificationMailJobId(id, requeuedAt), ...NOTIFICATION_MAIL_JOB_OPTIONS },
      );
    if (stale.length || abandoned)
      this.logger.log({ msg: 'notification emails swept', requeued: stale.length, abandoned });
    return { requeued: stale.length, abandoned };
  }
}
