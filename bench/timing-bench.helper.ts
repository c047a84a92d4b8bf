import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadTestInfraConfig } from '@carecast/server/config';
import { DemoDataService } from '@carecast/server/identity';
import {
  createTestDatabase,
  deleteRedisPrefix,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { createApi } from '../apps/api/src/app/create-api';

/**
 * Boots the api on a throw-away database (migrated, with the demo organisation) and Redis key
 * prefix, runs `bench` against it, then closes the api and drops the database and keys.
 * The api connects as the role that owns nothing, as in production.
 */
export async function withBenchApi(
  bench: (app: NestExpressApplication, db: TestDatabase) => Promise<void>,
): Promise<void> {
  const infra = loadTestInfraConfig();
  const db = await createTestDatabase(infra.DATABASE_URL, 'bench');
  const prefix = uniqueRedisPrefix('bench');
  const app = await createApi(
    testAppConfig({
      databaseUrl: db.appUrl,
      redisUrl: infra.REDIS_URL,
      redisPrefix: prefix,
    }),
  );
  await app.init();
  await app.get(DemoDataService).ensure();
  try {
    await bench(app, db);
  } finally {
    await app.close();
    await deleteRedisPrefix(infra.REDIS_URL, prefix);
    await db.drop();
  }
}

/** Milliseconds since `started` (from `process.hrtime.bigint()`). */
export function msSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Prints the 50th, 90th and 99th percentile of `xs` (ms, with `digits` decimals); returns the median. */
export function reportPercentiles(name: string, xs: number[], digits = 2): number {
  const s = [...xs].sort((x, y) => x - y);
  console.log(
    `${name.padEnd(16)} p50 ${percentile(s, 50).toFixed(digits)} ms  p90 ${percentile(s, 90).toFixed(digits)} ms  p99 ${percentile(s, 99).toFixed(digits)} ms`,
  );
  return percentile(s, 50);
}
