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
import { msSince, reportPercentiles, withBenchApi } from './timing-bench.helper';

const N = Number(process.env['BENCH_N'] ?? 40);

async function time(app: NestExpressApplication, email: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await request(app.getHttpServer())
    .post('/api/auth/sign-in')
    .send({ email, password: 'definitely-wrong-pw' });
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
  return msSince(started);
}

async function main(): Promise<void> {
  await withBenchApi(async (app, db) => {
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
      console.log(`sign-in answers, ${N} of each (401 every time)`);
      const a = reportPercentiles('wrong password', known, 1);
      const b = reportPercentiles('unknown email', unknown, 1);
      console.log(`ratio of medians (wrong password / unknown email): ${(a / b).toFixed(3)}`);
    } finally {
      await sql.end();
    }
  });
}

void main();
