import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobName, QueueName, type PostExpirySweepJobData } from '@carecast/shared/contracts';
import { upsertRepeatableJob } from './upsert-repeatable-job';

export const POST_EXPIRY_SCHEDULER_ID = 'post-expiry';
/** How often posts whose scheduled time passed in review are expired (a minute late at most). */
export const POST_EXPIRY_SWEEP_MS = 60_000;

/**
 * A repeatable job that expires the posts whose scheduled time passed while they waited for
 * review (rule A4: nothing goes out late), and tells their authors. Upserting is idempotent:
 * one schedule however many workers.
 */
@Injectable()
export class PostExpiryScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PostExpiryScheduler.name);

  constructor(@InjectQueue(QueueName.Review) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: PostExpirySweepJobData = { requestId: POST_EXPIRY_SCHEDULER_ID };
    await upsertRepeatableJob(
      this.queue,
      POST_EXPIRY_SCHEDULER_ID,
      POST_EXPIRY_SWEEP_MS,
      JobName.PostExpirySweep,
      data,
    );
    this.logger.log(`Post expiry checked every ${POST_EXPIRY_SWEEP_MS} ms`);
  }
}
