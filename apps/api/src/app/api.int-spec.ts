import type { NestExpressApplication } from '@nestjs/platform-express';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { Browser } from './identity/session-client.spec-helper';
import { startTestApi, type TestApi } from './test-api.spec-helper';

describe('api on real PostgreSQL and Redis', () => {
  let testApi: TestApi;
  let api: NestExpressApplication;
  let viewer: Browser;

  beforeAll(async () => {
    testApi = await startTestApi('api');
    api = testApi.app;
    viewer = new Browser(api);
    await viewer.signIn('viewer@riverside.example');
  });

  afterAll(() => testApi?.close());

  const http = () => request(api.getHttpServer());

  it('answers liveness without touching dependencies', async () => {
    const res = await http().get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL and Redis answer', async () => {
    const res = await http().get('/api/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await http().get('/api/docs-json').expect(200);
    expect(json.body.info.title).toBe('Carecast API');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health/live',
        '/api/health/ready',
        '/api/system/status',
        '/api/system/heartbeat',
      ]),
    );
    const ui = await http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers an unknown API route with a JSON 404 carrying the request id', async () => {
    const res = await http().get('/api/no-such-thing').set('x-request-id', 'req-unknown-route-1').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found', requestId: 'req-unknown-route-1' });
    expect(res.headers['x-request-id']).toBe('req-unknown-route-1');
  });

  it('answers a malformed JSON body with 400 naming the problem, not 500', async () => {
    const res = await http()
      .post('/api/auth/sign-in')
      .set('content-type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.body.error).toBe('invalid_json');
    expect(res.body.details[0]).toMatchObject({ field: 'body', rule: 'json' });
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('queues a heartbeat job that carries the request id', async () => {
    const requestId = `req-heartbeat-${Date.now()}`;
    expect((await http().post('/api/system/heartbeat')).status).toBe(401);
    const res = await viewer.send('post', '/api/system/heartbeat', undefined, true, {
      'x-request-id': requestId,
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ jobId: expect.any(String), requestId });

    const queue = api.get<Queue>(getQueueToken('system'), { strict: false });
    const job = await queue.getJob(res.body.jobId);
    expect(job?.name).toBe('heartbeat');
    expect(job?.data).toMatchObject({ requestId, source: 'api' });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('reports the worker down, and why, while no worker has reported', async () => {
    expect((await http().get('/api/system/status')).status).toBe(401);
    const status = await viewer.get('/api/system/status');
    expect(status.status).toBe(200);
    expect(status.body.services.postgres.status).toBe('up');
    expect(status.body.services.redis.status).toBe('up');
    expect(status.body.services.worker).toMatchObject({
      status: 'down',
      activeWorkers: 0,
      lastHeartbeatAt: null,
    });
    expect(status.body.services.worker.error).toMatch(/No worker has reported yet/);
  });

  it('exposes Prometheus metrics: HTTP latency, queue depth and outcomes, process', async () => {
    await http().get('/api/health/live').expect(200);
    const res = await http().get('/api/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(
      /carecast_http_request_duration_seconds_count\{method="GET",route="\/api\/health\/live",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(/carecast_queue_jobs\{queue="system",state="waiting"\} [1-9]/);
    expect(res.text).toMatch(/carecast_queue_jobs_finished_total\{queue="system",outcome="completed"\} 0/);
    expect(res.text).toContain('carecast_process_resident_memory_bytes');
  });
});
