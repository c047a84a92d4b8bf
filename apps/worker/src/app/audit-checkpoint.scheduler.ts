import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { JobName, QueueName, type AuditCheckpointJobData } from '@carecast/shared/contracts';
import { upsertRepeatableJob } from './upsert-repeatable-job';

export const AUDIT_CHECKPOINT_SCHEDULER_ID = 'audit-checkpoint';

/**
 * A repeatable job that signs a checkpoint of every organisation's audit chain head, every
 * `AUDIT_CHECKPOINT_INTERVAL_MS`. Upserting is idempotent: one schedule however many workers.
 */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);

  constructor(
    @InjectQueue(QueueName.Audit) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.audit.checkpointIntervalMs;
    const data: AuditCheckpointJobData = { requestId: AUDIT_CHECKPOINT_SCHEDULER_ID };
    await upsertRepeatableJob(
      this.queue,
      AUDIT_CHECKPOINT_SCHEDULER_ID,
      every,
      JobName.AuditCheckpoint,
      data,
    );
    this.logger.log(`Audit checkpoints scheduled every ${every} ms`);
  }
}
