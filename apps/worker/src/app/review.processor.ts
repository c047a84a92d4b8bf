import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PostExpiryService } from '@carecast/server/review';
import { JobName, QueueName } from '@carecast/shared/contracts';
import { type JobHandlers, runJob } from './run-job';

type ReviewJobName = typeof JobName.PostExpirySweep;

/** Jobs of the `review` queue: the review workflow's own schedule (expiring posts whose time passed). */
@Processor(QueueName.Review)
export class ReviewProcessor extends WorkerHost {
  private readonly logger = new Logger(ReviewProcessor.name);

  private readonly handlers: JobHandlers<ReviewJobName> = {
    [JobName.PostExpirySweep]: (job) => this.expiry.sweep(job.data.requestId),
  };

  constructor(private readonly expiry: PostExpiryService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this.logger, QueueName.Review, this.handlers, job);
  }
}
