import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JobQueue, type JobName, type JobPayloads } from '@carecast/shared/contracts';

/** Typed enqueueing: the job name decides the queue and the payload type. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts?: JobsOptions): Promise<string> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(JobQueue[name]), { strict: false });
    const job = await queue.add(name, data, { removeOnComplete: 1000, removeOnFail: 5000, ...opts });
    this.logger.log({
      msg: 'job queued',
      queue: queue.name,
      job: name,
      jobId: job.id,
      requestId: data.requestId,
    });
    return job.id as string;
  }
}
