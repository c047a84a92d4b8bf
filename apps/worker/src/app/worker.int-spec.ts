import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { loadTestInfraConfig } from '@carecast/server/config';
import { MetricsService } from '@carecast/server/operations';
import { JobName, QueueName } from '@carecast/shared/contracts';
import {
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { createWorker } from './create-worker';
import { HEARTBEAT_SCHEDULER_ID } from './heartbeat.scheduler';

const infra = loadTestInfraConfig();

describe('worker on real PostgreSQL, Redis and BullMQ', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let prefix: string;
  let sql: Client;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'worker');
    prefix = uniqueRedisPrefix('worker');
    worker = await createWorker(
      testAppConfig({
        databaseUrl: db.url,
        redisUrl: infra.REDIS_URL,
        redisPrefix: prefix,
        heartbeatIntervalMs: 500,
      }),
    );
    queue = worker.get<Queue>(getQueueToken(QueueName.System), { strict: false });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await worker?.close();
    await deleteRedisPrefix(infra.REDIS_URL, prefix);
    await db?.drop();
  });

  it('schedules one repeatable heartbeat, and its beats land in PostgreSQL', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([HEARTBEAT_SCHEDULER_ID]);
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
});
