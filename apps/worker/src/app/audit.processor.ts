import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { AuditService } from '@carecast/server/audit';
import { JobName, QueueName } from '@carecast/shared/contracts';

/** Jobs of the `audit` queue: signed checkpoints of the audit chains. */
@Processor(QueueName.Audit)
export class AuditProcessor extends WorkerHost {
  private readonly logger = new Logger(AuditProcessor.name);

  constructor(private readonly audit: AuditService) {
    super();
  }

  async process(job: Job): Promise<{ written: number }> {
    const meta = { queue: QueueName.Audit, job: job.name, jobId: job.id, requestId: job.data?.requestId };
    if (job.name !== JobName.AuditCheckpoint) {
      this.logger.error({ msg: 'no handler for job', ...meta });
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${QueueName.Audit}"`);
    }
    const written = await this.audit.checkpointAll('schedule');
    this.logger.log({ msg: 'job completed', ...meta, written });
    return { written };
  }
}
