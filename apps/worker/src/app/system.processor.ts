import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, MetricsTime, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { HeartbeatService } from '@carecast/server/operations';
import { JobName, type JobPayloads, QueueName } from '@carecast/shared/contracts';

type SystemJobName = typeof JobName.Heartbeat;

/** Jobs of the `system` queue. Each job name has exactly one handler (checked by the compiler). */
@Processor(QueueName.System, { metrics: { maxDataPoints: MetricsTime.ONE_WEEK } })
export class SystemProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(SystemProcessor.name);

  private readonly handlers: { [N in SystemJobName]: (job: Job<JobPayloads[N]>) => Promise<unknown> } = {
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

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as SystemJobName];
    const meta = { queue: QueueName.System, job: job.name, jobId: job.id, requestId: job.data?.requestId };
    if (!handler) {
      this.logger.error({ msg: 'no handler for job', ...meta });
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${QueueName.System}"`);
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
