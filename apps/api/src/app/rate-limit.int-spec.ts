import request from 'supertest';
import { startTestApi, type TestApi } from './test-api.spec-helper';

describe('rate limiting, shared through Redis', () => {
  const apis: TestApi[] = [];

  beforeAll(async () => {
    // Two api instances on one database and Redis prefix: the limit holds across both, as behind a load balancer.
    const first = await startTestApi('ratelimit', { rateLimitPerMinute: 3 });
    apis.push(
      first,
      await startTestApi('ratelimit', {
        rateLimitPerMinute: 3,
        db: first.db,
        redisPrefix: first.redisPrefix,
      }),
    );
  });

  afterAll(async () => {
    await apis[1]?.close();
    await apis[0]?.close();
  });

  it('answers 429 with a JSON error and Retry-After once a client passes the limit on any instance', async () => {
    const [a, b] = apis.map((api) => () => request(api.app.getHttpServer()));
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
    for (let i = 0; i < 6; i++)
      await request(apis[0].app.getHttpServer()).get('/api/health/live').expect(200);
  });
});
