import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { PasswordResetService } from '@carecast/server/identity';
import { JobName, type JobPayloads, QueueName } from '@carecast/shared/contracts';

type MailJobName = typeof JobName.PasswordResetMail;

/**
 * Jobs of the `mail` queue: emails the api asked for without waiting on them. A failed send is
 * retried by BullMQ (with the attempts the producer set).
 */
@Processor(QueueName.Mail)
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  private readonly handlers: { [N in MailJobName]: (job: Job<JobPayloads[N]>) => Promise<unknown> } = {
    [JobName.PasswordResetMail]: (job) => this.resets.sendLink(job.data),
  };

  constructor(private readonly resets: PasswordResetService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as MailJobName];
    const meta = { queue: QueueName.Mail, job: job.name, jobId: job.id, requestId: job.data?.requestId };
    if (!handler) {
      this.logger.error({ msg: 'no handler for job', ...meta });
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${QueueName.Mail}"`);
    }
    const started = Date.now();
    try {
      const result = await handler(job);
      this.logger.log({ msg: 'job completed', ...meta, durationMs: Date.now() - started });
      return result;
    } catch (err) {
      this.logger.warn({ msg: 'job failed', ...meta, durationMs: Date.now() - started, err });
      throw err;
    }
  }
}
