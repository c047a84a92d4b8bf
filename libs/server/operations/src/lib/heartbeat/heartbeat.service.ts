import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Clock } from '@carecast/server/core';
import type { HeartbeatJobData } from '@carecast/shared/contracts';
import { HeartbeatRepository } from './heartbeat.repository';
import type { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

/** Records that a worker process handled a heartbeat job: proof that Redis → worker → Postgres works. */
@Injectable()
export class HeartbeatService {
  private readonly logger = new Logger(HeartbeatService.name);
  private readonly host = hostname();
  /** Unique per process: host, pid and a random suffix (pids repeat across containers). */
  readonly workerId = `${this.host}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly startedAt: Date;

  constructor(
    private readonly repository: HeartbeatRepository,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  async recordBeat(jobId: string | null, data: HeartbeatJobData): Promise<void> {
    await this.repository.record({
      workerId: this.workerId,
      hostname: this.host,
      pid: process.pid,
      startedAt: this.startedAt,
      seenAt: this.clock.now(),
      jobId,
      requestId: data.requestId,
    });
    this.logger.debug({ msg: 'heartbeat recorded', jobId, requestId: data.requestId, source: data.source });
  }

  latest(): Promise<WorkerHeartbeatEntity | null> {
    return this.repository.latest();
  }

  findByRequestId(requestId: string): Promise<WorkerHeartbeatEntity | null> {
    return this.repository.findByRequestId(requestId);
  }
}
