import type { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobName, JobPayloads, QueueName } from '@carecast/shared/contracts';

/** One handler for each job name a queue carries (a missing one fails to compile). */
export type JobHandlers<N extends JobName> = { [K in N]: (job: Job<JobPayloads[K]>) => Promise<unknown> };

/**
 * Runs a job with its queue's handler, logging how it ended and how long it took. A job nobody
 * handles fails for good (no retry); a handler failure is passed on so BullMQ retries it.
 */
export async function runJob<N extends JobName>(
  logger: Logger,
  queue: QueueName,
  handlers: JobHandlers<N>,
  job: Job,
): Promise<unknown> {
  // Own properties only: a job named after an Object built-in (`constructor`) is not handled.
  const handler = Object.hasOwn(handlers, job.name)
    ? (handlers[job.name as N] as (job: Job) => Promise<unknown>)
    : undefined;
  const meta = { queue, job: job.name, jobId: job.id, requestId: job.data?.requestId };
  if (!handler) {
    logger.error({ msg: 'no handler for job', ...meta });
    throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${queue}"`);
  }
  const started = Date.now();
  try {
    const result = await handler(job);
    logger.log({ msg: 'job completed', ...meta, durationMs: Date.now() - started });
    return result;
  } catch (err) {
    logger.warn({ msg: 'job failed', ...meta, durationMs: Date.now() - started, err });
    throw err;
  }
}
