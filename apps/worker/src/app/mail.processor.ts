import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PasswordResetService } from '@carecast/server/identity';
import { NotificationMailService } from '@carecast/server/notify';
import { OutsideReviewService } from '@carecast/server/review';
import { JobName, QueueName } from '@carecast/shared/contracts';
import { type JobHandlers, runJob } from './run-job';

type MailJobName =
  | typeof JobName.PasswordResetMail
  | typeof JobName.NotificationMail
  | typeof JobName.NotificationMailSweep
  | typeof JobName.OutsideReviewMail;

/**
 * Jobs of the `mail` queue: emails the api asked for without waiting on them. A failed send is
 * retried by BullMQ (with the attempts the producer set).
 */
@Processor(QueueName.Mail)
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  private readonly handlers: JobHandlers<MailJobName> = {
    [JobName.PasswordResetMail]: (job) => this.resets.sendLink(job.data),
    [JobName.NotificationMail]: (job) => this.notifications.send(job.data),
    [JobName.NotificationMailSweep]: (job) => this.notifications.sweep(job.data),
    [JobName.OutsideReviewMail]: (job) => this.outsideReviews.sendLink(job.data),
  };

  constructor(
    private readonly resets: PasswordResetService,
    private readonly notifications: NotificationMailService,
    private readonly outsideReviews: OutsideReviewService,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this.logger, QueueName.Mail, this.handlers, job);
  }
}
