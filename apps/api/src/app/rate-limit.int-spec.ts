import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadTestInfraConfig } from '@carecast/server/config';
import {
  createTestDatabase,
  deleteRedisPrefix,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { createApi } from './create-api';

const infra = loadTestInfraConfig();

describe('rate limiting, shared through Redis', () => {
  let db: TestDatabase;
  let prefix: string;
  const apis: NestExpressApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'ratelimit');
    prefix = uniqueRedisPrefix('ratelimit');
    // Two api instances on one Redis: the limit holds across both, as behind a load balancer.
    for (let i = 0; i < 2; i++) {
      const api = await createApi(
        testAppConfig({
          databaseUrl: db.url,
          redisUrl: infra.REDIS_URL,
          redisPrefix: prefix,
          rateLimitPerMinute: 3,
        }),
      );
      await api.init();
      apis.push(api);
    }
  });

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.close()));
    await deleteRedisPrefix(infra.REDIS_URL, prefix);
    await db?.drop();
  });

  it('answers 429 with a JSON error and Retry-After once a client passes the limit on any instance', async () => {
    const [a, b] = apis.map((api) => () => request(api.getHttpServer()));
    // Counted before authentication: even refused requests use up the allowance.
    await a().get('/api/auth/me').expect(401);
    await b().get('/api/auth/me').expect(401);
    await a().get('/api/auth/me').expect(401);
    const limited = await b().get('/api/auth/me').expect(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'too_many_requests',
      requestId: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 6; i++) await request(apis[0].getHttpServer()).get('/api/health/live').expect(200);
  });
});
