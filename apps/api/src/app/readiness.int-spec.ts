import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadTestInfraConfig } from '@carecast/server/config';
import {
  createTestDatabase,
  DisposableRedisServer,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { DemoDataService } from '@carecast/server/identity';
import { createApi } from './create-api';
import { Browser } from './identity/session-client.spec-helper';

const infra = loadTestInfraConfig();

async function eventuallyStatus(app: NestExpressApplication, expected: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app.getHttpServer()).get('/api/health/ready');
    if (res.status === expected) return res;
    if (Date.now() > deadline) throw new Error(`readiness stayed ${res.status}, expected ${expected}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('readiness follows Redis going away and coming back, without a restart', () => {
  let db: TestDatabase;
  let redis: DisposableRedisServer;
  let api: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase(infra.DATABASE_URL, 'ready');
    redis = await DisposableRedisServer.start();
    api = await createApi(
      testAppConfig({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: uniqueRedisPrefix('ready') }),
    );
    await api.init();
    await api.get(DemoDataService).ensure();
  });

  afterAll(async () => {
    await api?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('is 200, then 503 naming Redis while it is stopped, then 200 again', async () => {
    await eventuallyStatus(api, 200);
    const viewer = new Browser(api);
    await viewer.signIn('viewer@riverside.example');

    await redis.stop();
    const down = await eventuallyStatus(api, 503);
    expect(down.body).toMatchObject({ statusCode: 503, error: 'not_ready' });
    expect(down.body.message).toMatch(/^Not ready: redis \(Redis is not reachable/);
    expect(down.body.message).not.toContain('postgres');
    expect(down.body.checks.redis.status).toBe('down');
    expect(down.body.checks.postgres.status).toBe('up');
    expect(down.body.requestId).toEqual(expect.any(String));

    // Signed-in pages keep working (rate limiting fails open) and say what is down.
    const status = await viewer.get('/api/system/status');
    expect(status.status).toBe(200);
    expect(status.body.services.redis.status).toBe('down');
    expect(status.body.services.worker.status).toBe('down');

    await redis.start();
    const up = await eventuallyStatus(api, 200);
    expect(up.body.info.redis.status).toBe('up');
  });
});
