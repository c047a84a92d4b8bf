import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DisposableRedisServer, eventually } from '@carecast/server/testing';
import { Browser } from './identity/session-client.spec-helper';
import { startTestApi, type TestApi } from './test-api.spec-helper';

/** The readiness answer once it is `expected`: Redis stopping or starting is real I/O, so poll. */
function eventuallyStatus(app: NestExpressApplication, expected: number, timeoutMs = 10_000) {
  return eventually(
    async () => {
      const res = await request(app.getHttpServer()).get('/api/health/ready');
      return res.status === expected ? res : null;
    },
    `GET /api/health/ready to answer ${expected}`,
    timeoutMs,
  );
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
