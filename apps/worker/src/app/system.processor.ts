import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, MetricsTime } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { HeartbeatService } from '@carecast/server/operations';
import { JobName, QueueName } from '@carecast/shared/contracts';
import { type JobHandlers, runJob } from './run-job';

type SystemJobName = typeof JobName.Heartbeat;

/** Jobs of the `system` queue. Each job name has exactly one handler (checked by the compiler). */
@Processor(QueueName.System, { metrics: { maxDataPoints: MetricsTime.ONE_WEEK } })
export class SystemProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(SystemProcessor.name);

  private readonly handlers: JobHandlers<SystemJobName> = {
    [JobName.Heartbeat]: (job) => this.heartbeats.recordBeat(job.id ?? null, job.data),
  };

  constructor(
    private readonly heartbeats: HeartbeatService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  process(job: Job): Promise<unknown> {
    return runJob(this.logger, QueueName.System, this.handlers, job);
  }
}
