import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { type AppConfig, loadTestInfraConfig } from '@carecast/server/config';
import type { QueueName } from '@carecast/shared/contracts';
import {
  createTestDatabase,
  deleteRedisPrefix,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { createWorker } from './create-worker';

const infra = loadTestInfraConfig();

export interface TestWorkerOptions {
  heartbeatIntervalMs?: number;
  /** How the worker starts from its configuration (default: as in production, `createWorker`). */
  start?: (config: AppConfig) => Promise<INestApplicationContext>;
}

export interface TestWorker {
  worker: INestApplicationContext;
  db: TestDatabase;
  /** The database as its owner, for the test's own SQL (the worker connects as a role that owns nothing). */
  sql: Client;
  /** Where the worker writes signed audit checkpoints. */
  checkpointDir: string;
  queue(name: QueueName): Queue;
  /** Stop the worker; drop the database, the Redis keys and the checkpoint folder. */
  close(): Promise<void>;
}

/** The real worker on a throw-away database (migrated) and Redis key prefix. */
export async function startTestWorker(label: string, options: TestWorkerOptions = {}): Promise<TestWorker> {
  const db = await createTestDatabase(infra.DATABASE_URL, label.replace(/-/g, '_'));
  const redisPrefix = uniqueRedisPrefix(label);
  const checkpointDir = mkdtempSync(join(tmpdir(), `carecast-${label}-checkpoints-`));
  const config = testAppConfig({
    databaseUrl: db.appUrl,
    redisUrl: infra.REDIS_URL,
    redisPrefix,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    auditCheckpointDir: checkpointDir,
  });
  const sql = new Client({ connectionString: db.url });
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    await sql.end();
    await worker?.close();
    await deleteRedisPrefix(infra.REDIS_URL, redisPrefix);
    await db.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  };
  try {
    worker = await (options.start ?? createWorker)(config);
    await sql.connect();
  } catch (err) {
    await close();
    throw err;
  }
  const started = worker;
  return {
    worker: started,
    db,
    sql,
    checkpointDir,
    queue: (name) => started.get<Queue>(getQueueToken(name), { strict: false }),
    close,
  };
}
