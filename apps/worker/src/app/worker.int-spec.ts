import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { AuditService } from '@carecast/server/audit';
import { MetricsService } from '@carecast/server/operations';
import { JobName, QueueName } from '@carecast/shared/contracts';
import { eventually, type TestDatabase } from '@carecast/server/testing';
import { AUDIT_CHECKPOINT_SCHEDULER_ID } from './audit-checkpoint.scheduler';
import { HEARTBEAT_SCHEDULER_ID } from './heartbeat.scheduler';
import { startTestWorker, type TestWorker } from './test-worker.spec-helper';

describe('worker on real PostgreSQL, Redis and BullMQ', () => {
  let started: TestWorker;
  let worker: INestApplicationContext;
  let db: TestDatabase;
  let sql: Client;
  let queue: Queue;
  let checkpointDir: string;

  beforeAll(async () => {
    started = await startTestWorker('worker', { heartbeatIntervalMs: 500 });
    ({ worker, db, sql, checkpointDir } = started);
    queue = started.queue(QueueName.System);
  });

  afterAll(async () => {
    await started?.close();
  });

  it('schedules one repeatable heartbeat, and its beats land in PostgreSQL', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).filter((key) => key === HEARTBEAT_SCHEDULER_ID)).toHaveLength(1);
    const row = await eventually(async () => {
      const { rows } = await sql.query(`SELECT * FROM worker_heartbeat WHERE beats >= 2`);
      return rows[0];
    }, 'two scheduled heartbeats');
    expect(row.last_request_id).toBe(HEARTBEAT_SCHEDULER_ID);
    expect(row.pid).toBe(process.pid);
  });

  it('records the request id and job id of a heartbeat asked for through the API', async () => {
    const requestId = `req-from-api-${Date.now()}`;
    const job = await queue.add(JobName.Heartbeat, {
      requestId,
      requestedAt: new Date().toISOString(),
      source: 'api',
    });
    const row = await eventually(async () => {
      const { rows } = await sql.query('SELECT * FROM worker_heartbeat WHERE last_job_id = $1', [job.id]);
      return rows[0];
    }, 'the heartbeat of the queued job');
    expect(row.last_request_id).toBe(requestId);
  });

  it('fails a job it has no handler for, without retrying it', async () => {
    const job = await queue.add('no-such-job', { requestId: 'req-unknown-job' }, { attempts: 3 });
    await eventually(async () => (await job.getState()) === 'failed', 'the unknown job to fail');
    const failed = await queue.getJob(job.id as string);
    expect(failed?.failedReason).toMatch(/No handler for job "no-such-job"/);
    expect(failed?.attemptsMade).toBe(1);
  });

  it('counts job outcomes in the queue metrics', async () => {
    const text = await worker.get(MetricsService).render();
    expect(text).toMatch(/carecast_queue_jobs_finished_total\{queue="system",outcome="completed"\} [1-9]/);
    expect(text).toMatch(/carecast_queue_jobs_finished_total\{queue="system",outcome="failed"\} [1-9]/);
  });

  it('signs a checkpoint of each audit chain on its schedule, connected as a role that owns nothing', async () => {
    const auditQueue = started.queue(QueueName.Audit);
    expect((await auditQueue.getJobSchedulers()).map((s) => s.key)).toEqual([AUDIT_CHECKPOINT_SCHEDULER_ID]);
    const { rows } = await sql.query(
      `INSERT INTO organisation (slug, name) VALUES ('worker-audit', 'Worker audit') RETURNING id`,
    );
    const organisationId = rows[0].id as string;
    const ctx = {
      organisationId,
      actorUserId: null,
      actorLabel: 'system',
      ip: null,
      userAgent: null,
      requestId: null,
    };
    const audit = worker.get(AuditService, { strict: false });
    await audit.record(ctx, { action: 'organisation.security_changed' });
    const head = await audit.record(ctx, { action: 'member.added' });

    await auditQueue.add(JobName.AuditCheckpoint, { requestId: 'req-checkpoint-now' });
    const line = await eventually(async () => {
      try {
        return readFileSync(join(checkpointDir, `${organisationId}.jsonl`), 'utf8')
          .trim()
          .split('\n')
          .pop();
      } catch {
        return undefined;
      }
    }, 'a signed checkpoint of the chain head');
    expect(JSON.parse(line as string)).toMatchObject({
      organisationId,
      seq: 2,
      hash: head.hash,
      reason: 'schedule',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const { rows: who } = await sql.query(
      `SELECT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'carecast'`,
      [db.name],
    );
    expect(new Set(who.map((r) => r.usename))).toEqual(new Set(['carecast_app']));
  });
});
