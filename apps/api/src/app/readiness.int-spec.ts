import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DisposableRedisServer } from '@carecast/server/testing';
import { Browser } from './identity/session-client.spec-helper';
import { startTestApi, type TestApi } from './test-api.spec-helper';

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
  let redis: DisposableRedisServer;
  let testApi: TestApi;
  let api: NestExpressApplication;

  beforeAll(async () => {
    redis = await DisposableRedisServer.start();
    testApi = await startTestApi('ready', { redisUrl: redis.url });
    api = testApi.app;
  });

  afterAll(async () => {
    await testApi?.close();
    await redis?.stop();
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
