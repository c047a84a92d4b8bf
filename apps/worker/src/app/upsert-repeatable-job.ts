import type { Queue } from 'bullmq';
import type { JobName, JobPayloads } from '@carecast/shared/contracts';

/**
 * Schedules `name` to run every `every` ms under the scheduler `schedulerId`. Upserting is
 * idempotent: every worker replica may do it at start-up and there is still one schedule.
 */
export async function upsertRepeatableJob<N extends JobName>(
  queue: Queue,
  schedulerId: string,
  every: number,
  name: N,
  data: JobPayloads[N],
): Promise<void> {
  await queue.upsertJobScheduler(
    schedulerId,
    { every },
    { name, data, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
}
