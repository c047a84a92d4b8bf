import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkerHeartbeat1764300000000 implements MigrationInterface {
  name = 'CreateWorkerHeartbeat1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeat (
        worker_id      text PRIMARY KEY,
        hostname       text NOT NULL,
        pid            integer NOT NULL,
        started_at     timestamptz NOT NULL,
        last_seen_at   timestamptz NOT NULL,
        last_job_id    text,
        last_request_id text,
        beats          bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX worker_heartbeat_last_seen_idx ON worker_heartbeat (last_seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeat`);
  }
}
