import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock } from '@carecast/server/core';
import { JobName, QueueName, type HeartbeatJobData } from '@carecast/shared/contracts';
import { upsertRepeatableJob } from './upsert-repeatable-job';

export const HEARTBEAT_SCHEDULER_ID = 'system-heartbeat';

/**
 * A repeatable heartbeat job. Upserting is idempotent, so every worker replica may do it at
 * start-up and there is still one schedule.
 */
@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(HeartbeatScheduler.name);

  constructor(
    @InjectQueue(QueueName.System) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.worker.heartbeatIntervalMs;
    const data: HeartbeatJobData = {
      requestId: HEARTBEAT_SCHEDULER_ID,
      requestedAt: this.clock.now().toISOString(),
      source: 'scheduler',
    };
    await upsertRepeatableJob(this.queue, HEARTBEAT_SCHEDULER_ID, every, JobName.Heartbeat, data);
    this.logger.log(`Heartbeat scheduled every ${every} ms`);
  }
}
