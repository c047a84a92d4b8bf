/**
 * Does asking for a password reset take as long for an address with an account as for one
 * without? (Otherwise timing the answers tells which addresses have accounts.) Boots the api on a
 * throw-away database, times N requests of each kind, interleaved, prints percentiles, the ratio
 * of the medians and in how many pairs the known address was slower.
 *
 *   npm run bench:reset            (N=40; BENCH_N=200 npm run bench:reset for more)
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DEMO_USERS } from '@carecast/server/identity';
import { msSince, reportPercentiles, withBenchApi } from './timing-bench.helper';

const N = Number(process.env['BENCH_N'] ?? 40);

async function time(app: NestExpressApplication, email: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await request(app.getHttpServer()).post('/api/auth/password-reset').send({ email });
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}`);
  return msSince(started);
}

async function main(): Promise<void> {
  await withBenchApi(async (app) => {
    // Warm up both paths (connections, prepared plans, the queue's Redis connection).
    for (let i = 0; i < 5; i++) {
      await time(app, DEMO_USERS[i % DEMO_USERS.length].email);
      await time(app, `warm-${i}@nowhere.example`);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    let knownSlower = 0;
    for (let i = 0; i < N; i++) {
      // Alternate which goes first, so neither kind always follows the other.
      const pair = async (first: 'known' | 'unknown') => {
        const k = () => time(app, DEMO_USERS[i % DEMO_USERS.length].email);
        const u = () => time(app, `nobody-${i}@nowhere.example`);
        if (first === 'known') {
          const a = await k();
          return [a, await u()];
        }
        const b = await u();
        return [await k(), b];
      };
      const [a, b] = await pair(i % 2 === 0 ? 'known' : 'unknown');
      known.push(a);
      unknown.push(b);
      if (a > b) knownSlower++;
    }
    console.log(`password-reset answers, ${N} of each (202 every time)`);
    const a = reportPercentiles('known address', known);
    const b = reportPercentiles('unknown address', unknown);
    console.log(`median known ${a.toFixed(2)} ms, median unknown ${b.toFixed(2)} ms`);
    console.log(`ratio of medians (known / unknown): ${(a / b).toFixed(3)}`);
    console.log(`pairs where the known address was slower: ${knownSlower} of ${N}`);
  });
}

void main();
