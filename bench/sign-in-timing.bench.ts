/**
 * Does a wrong password take as long as an unknown email? (An attacker who can time the answers
 * could otherwise find out which addresses have accounts.) Boots the api on a throw-away database,
 * times N sign-ins of each kind, prints percentiles and the ratio of the medians.
 *
 *   npm run bench:sign-in            (N=40; BENCH_N=100 npm run bench:sign-in for more)
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { loadTestInfraConfig } from '@carecast/server/config';
import { DemoDataService } from '@carecast/server/identity';
import {
  createTestDatabase,
  deleteRedisPrefix,
  testAppConfig,
  uniqueRedisPrefix,
} from '@carecast/server/testing';
import { createApi } from '../apps/api/src/app/create-api';

const N = Number(process.env['BENCH_N'] ?? 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(app: NestExpressApplication, email: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await request(app.getHttpServer())
    .post('/api/auth/sign-in')
    .send({ email, password: 'definitely-wrong-pw' });
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const infra = loadTestInfraConfig();
  const db = await createTestDatabase(infra.DATABASE_URL, 'bench');
  const prefix = uniqueRedisPrefix('bench');
  const app = await createApi(
    testAppConfig({ databaseUrl: db.appUrl, redisUrl: infra.REDIS_URL, redisPrefix: prefix }),
  );
  await app.init();
  await app.get(DemoDataService).ensure();
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  try {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < N; i++) {
      known.push(
        await time(app, ['dana', 'marcus', 'priya', 'viewer', 'admin'][i % 5] + '@riverside.example'),
      );
      unknown.push(await time(app, `nobody-${i}@nowhere.example`));
      // Keep both kinds below the failure lock, so every answer is the plain 401.
      await sql.query('DELETE FROM sign_in_throttle');
    }
    const report = (name: string, xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      console.log(
        `${name.padEnd(16)} p50 ${percentile(s, 50).toFixed(1)} ms  p90 ${percentile(s, 90).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms`,
      );
      return percentile(s, 50);
    };
    console.log(`sign-in answers, ${N} of each (401 every time)`);
    const a = report('wrong password', known);
    const b = report('unknown email', unknown);
    console.log(`ratio of medians (wrong password / unknown email): ${(a / b).toFixed(3)}`);
  } finally {
    await sql.end();
    await app.close();
    await deleteRedisPrefix(infra.REDIS_URL, prefix);
    await db.drop();
  }
}

void main();
