import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

export interface HeartbeatRecord {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
  jobId: string | null;
  requestId: string | null;
}

@Injectable()
export class HeartbeatRepository {
  constructor(
    @InjectRepository(WorkerHeartbeatEntity) private readonly repo: Repository<WorkerHeartbeatEntity>,
  ) {}

  async record(beat: HeartbeatRecord): Promise<void> {
    await this.repo.query(
      `INSERT INTO worker_heartbeat
         (worker_id, hostname, pid, started_at, last_seen_at, last_job_id, last_request_id, beats)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (worker_id) DO UPDATE SET
         last_seen_at = GREATEST(worker_heartbeat.last_seen_at, EXCLUDED.last_seen_at),
         last_job_id = EXCLUDED.last_job_id,
         last_request_id = EXCLUDED.last_request_id,
         beats = worker_heartbeat.beats + 1`,
      [beat.workerId, beat.hostname, beat.pid, beat.startedAt, beat.seenAt, beat.jobId, beat.requestId],
    );
  }

  latest(): Promise<WorkerHeartbeatEntity | null> {
    return this.repo.findOne({ where: {}, order: { lastSeenAt: 'DESC' } });
  }

  findByRequestId(requestId: string): Promise<WorkerHeartbeatEntity | null> {
    return this.repo.findOne({ where: { lastRequestId: requestId } });
  }

  /** Round trip to the database, for health checks. */
  async ping(): Promise<void> {
    await this.repo.query('SELECT 1');
  }
}
