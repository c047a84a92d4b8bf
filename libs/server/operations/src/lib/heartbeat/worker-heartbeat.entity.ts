import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last heartbeat job each worker process handled. */
@Entity({ name: 'worker_heartbeat' })
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'integer' })
  pid: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'last_job_id', type: 'text', nullable: true })
  lastJobId: string | null;

  @Column({ name: 'last_request_id', type: 'text', nullable: true })
  lastRequestId: string | null;

  @Column({ type: 'bigint', default: 0 })
  beats: string;
}
