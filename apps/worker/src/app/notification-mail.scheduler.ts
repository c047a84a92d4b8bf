import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobName, QueueName, type NotificationMailSweepJobData } from '@carecast/shared/contracts';
import { upsertRepeatableJob } from './upsert-repeatable-job';

export const NOTIFICATION_MAIL_SWEEP_SCHEDULER_ID = 'notification-mail-sweep';
/** How often the notification emails still pending are looked for. */
export const NOTIFICATION_MAIL_SWEEP_EVERY_MS = 60_000;

/**
 * A repeatable job that queues again the notification emails whose job was lost (Redis away
 * when they were asked for, or a job given up). Idempotent: one schedule however many workers.
 */
@Injectable()
export class NotificationMailScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationMailScheduler.name);

  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: NotificationMailSweepJobData = { requestId: NOTIFICATION_MAIL_SWEEP_SCHEDULER_ID };
    await upsertRepeatableJob(
      this.queue,
      NOTIFICATION_MAIL_SWEEP_SCHEDULER_ID,
      NOTIFICATION_MAIL_SWEEP_EVERY_MS,
      JobName.NotificationMailSweep,
      data,
    );
    this.logger.log(`Notification email sweep scheduled every ${NOTIFICATION_MAIL_SWEEP_EVERY_MS} ms`);
  }
}
