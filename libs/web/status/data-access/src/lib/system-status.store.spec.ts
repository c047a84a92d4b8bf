import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aSystemStatus, WORKER_DOWN } from '../testing/system-status.fixtures';
import { SYSTEM_HEARTBEAT_URL, SYSTEM_STATUS_URL } from './system-status.service';
import { STATUS_POLL_INTERVAL_MS, STATUS_REQUEST_TIMEOUT_MS, SystemStatusStore } from './system-status.store';

describe('SystemStatusStore', () => {
  let store: SystemStatusStore;
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: STATUS_POLL_INTERVAL_MS, useValue: 5000 },
        { provide: STATUS_REQUEST_TIMEOUT_MS, useValue: 4000 },
      ],
    });
    store = TestBed.inject(SystemStatusStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('is "checking" before the first answer', () => {
    expect(store.overall()).toBe('checking');
    expect(store.summary()).toBe('Checking status…');
    expect(store.services()).toEqual([]);
  });

  it('asks for the status as soon as someone watches, and maps an all-up answer', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);

    const req = http.expectOne(SYSTEM_STATUS_URL);
    expect(req.request.method).toBe('GET');
    req.flush(aSystemStatus());

    expect(store.overall()).toBe('up');
    expect(store.summary()).toBe('All systems up');
    expect(store.error()).toBeNull();
    expect(store.services().map((row) => [row.key, row.name, row.health.status])).toEqual([
      ['postgres', 'Postgres', 'up'],
      ['redis', 'Redis', 'up'],
      ['worker', 'Worker', 'up'],
    ]);
    expect(store.services()[2].worker?.activeWorkers).toBe(2);
    expect(store.services()[0].worker).toBeUndefined();
    release();
  });

  it('treats a 503 that carries a status body as a status with services down', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);

    http.expectOne(SYSTEM_STATUS_URL).flush(WORKER_DOWN, { status: 503, statusText: 'Service Unavailable' });

    expect(store.error()).toBeNull();
    expect(store.overall()).toBe('down');
    expect(store.summary()).toBe('Worker down');
    expect(store.downServices().map((row) => row.key)).toEqual(['worker']);
    release();
  });

  it('names every service that is down', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http
      .expectOne(SYSTEM_STATUS_URL)
      .flush(aSystemStatus({ postgres: { status: 'down', error: 'refused' }, redis: { status: 'down' } }));

    expect(store.summary()).toBe('Postgres and Redis down');
    release();
  });

  it('says the API cannot be reached when the request fails at the network level, keeping the last status', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

    jest.advanceTimersByTime(5000);
    http
      .expectOne(SYSTEM_STATUS_URL)
      .error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });

    expect(store.overall()).toBe('unreachable');
    expect(store.summary()).toBe('API unreachable');
    expect(store.error()).toMatch(/^Cannot reach the Carecast API: the server did not answer/);
    expect(store.status()).toEqual(aSystemStatus());

    jest.advanceTimersByTime(5000);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());
    expect(store.error()).toBeNull();
    expect(store.overall()).toBe('up');
    release();
  });

  it("quotes the API's own message and request id when it answers with an error body", () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush(
      {
        statusCode: 500,
        error: 'internal_error',
        message: 'Something broke on our side.',
        requestId: 'req-42',
      },
      { status: 500, statusText: 'Internal Server Error' },
    );

    expect(store.overall()).toBe('unreachable');
    expect(store.error()).toBe(
      'The Carecast API could not answer: Something broke on our side. If this keeps happening, quote request req-42 to support.',
    );
    release();
  });

  it('reports a gateway error from a proxy as the API being unreachable', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush('proxy error', { status: 504, statusText: 'Gateway Timeout' });

    expect(store.error()).toBe(
      'Cannot reach the Carecast API: the server answered 504 Gateway Timeout. It may be stopped or restarting.',
    );
    release();
  });

  it.each([
    [
      500,
      'Internal Server Error',
      'the server answered 500 Internal Server Error. It may be stopped or restarting.',
    ],
    [404, 'Not Found', 'the address answered 404 Not Found instead of the API.'],
  ])(
    'reports a bare %i without an API error body as the API being unreachable',
    (status, statusText, detail) => {
      const release = store.watch();
      jest.advanceTimersByTime(0);
      http.expectOne(SYSTEM_STATUS_URL).flush('', { status, statusText });

      expect(store.error()).toBe(`Cannot reach the Carecast API: ${detail}`);
      release();
    },
  );

  it('gives up on a request that takes longer than the timeout', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    const req = http.expectOne(SYSTEM_STATUS_URL);

    jest.advanceTimersByTime(4000);

    expect(req.cancelled).toBe(true);
    expect(store.error()).toMatch(/^Cannot reach the Carecast API: it did not answer within a few seconds/);
    release();
  });

  it('polls every interval while watched and stops when released', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

    jest.advanceTimersByTime(4999);
    http.expectNone(SYSTEM_STATUS_URL);
    jest.advanceTimersByTime(1);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

    release();
    jest.advanceTimersByTime(20_000);
    http.expectNone(SYSTEM_STATUS_URL);
  });

  it('shares one poll between watchers and keeps it until the last one releases', () => {
    const releaseToolbar = store.watch();
    const releasePage = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

    releasePage();
    releasePage(); // releasing twice must not release someone else's watch
    jest.advanceTimersByTime(5000);
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

    releaseToolbar();
    jest.advanceTimersByTime(5000);
    http.expectNone(SYSTEM_STATUS_URL);
  });

  it('queues a heartbeat, says so, and refreshes the status at once', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    http.expectOne(SYSTEM_STATUS_URL).flush(WORKER_DOWN);

    store.checkWorkerNow();
    expect(store.heartbeat()).toEqual({ kind: 'sending' });
    const post = http.expectOne(SYSTEM_HEARTBEAT_URL);
    expect(post.request.method).toBe('POST');
    post.flush({ jobId: 'job-7', requestId: 'req-9' });

    expect(store.heartbeat()).toEqual({
      kind: 'queued',
      jobId: 'job-7',
      previousHeartbeatAt: WORKER_DOWN.services.worker.lastHeartbeatAt,
    });
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());
    expect(store.overall()).toBe('up');
    release();
  });

  it('notices when the worker has answered the heartbeat', () => {
    const release = store.watch();
    jest.advanceTimersByTime(0);
    const before = aSystemStatus({ worker: { lastHeartbeatAt: '2026-03-02T14:40:00.000Z' } });
    http.expectOne(SYSTEM_STATUS_URL).flush(before);

    store.checkWorkerNow();
    http.expectOne(SYSTEM_HEARTBEAT_URL).flush({ jobId: 'job-8', requestId: 'req-8' });
    // The worker has not processed it yet: the same heartbeat as before.
    http.expectOne(SYSTEM_STATUS_URL).flush(before);
    expect(store.heartbeat().kind).toBe('queued');

    jest.advanceTimersByTime(5000);
    http
      .expectOne(SYSTEM_STATUS_URL)
      .flush(
        aSystemStatus({ worker: { lastHeartbeatAt: '2026-03-02T14:41:02.000Z', secondsSinceHeartbeat: 1 } }),
      );
    expect(store.heartbeat()).toEqual({ kind: 'answered', at: '2026-03-02T14:41:02.000Z' });
    release();
  });

  it('ignores a second click while a heartbeat is being sent', () => {
    store.checkWorkerNow();
    store.checkWorkerNow();
    http.expectOne(SYSTEM_HEARTBEAT_URL).flush({ jobId: 'job-1', requestId: 'req-1' });
    // Not watched: the refresh is a single request.
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());
  });

  it('explains a heartbeat that could not be queued', () => {
    store.checkWorkerNow();
    http.expectOne(SYSTEM_HEARTBEAT_URL).flush(
      {
        statusCode: 503,
        error: 'queue_unavailable',
        message: 'The job queue (Redis) is not reachable',
        requestId: 'r-1',
      },
      { status: 503, statusText: 'Service Unavailable' },
    );

    expect(store.heartbeat()).toEqual({
      kind: 'failed',
      message:
        'The Carecast API could not answer: The job queue (Redis) is not reachable. If this keeps happening, quote request r-1 to support.',
    });
  });
});
