import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import {
  STATUS_POLL_INTERVAL_MS,
  SYSTEM_HEARTBEAT_URL,
  SYSTEM_STATUS_URL,
} from '@carecast/web/status/data-access';
import { aSystemStatus, WORKER_DOWN } from '@carecast/web/status/data-access/testing';
import { StatusPage } from './status-page';

describe('StatusPage', () => {
  let fixture: ComponentFixture<StatusPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const card = (service: string) => page.querySelector<HTMLElement>(`[data-service="${service}"]`);
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  /** The value shown under a label on a service's card, e.g. fact('worker', 'Active workers'). */
  const fact = (service: string, label: string) => {
    const term = Array.from(card(service)?.querySelectorAll('dt') ?? []).find((dt) => text(dt) === label);
    return text(term?.nextElementSibling);
  };

  async function setup(pollIntervalMs: number): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: STATUS_POLL_INTERVAL_MS, useValue: pollIntervalMs },
      ],
    });
    TestBed.inject(AuthStore).setMe(aMe(['viewer']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StatusPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  }

  beforeEach(() => setup(60_000));

  afterEach(() => {
    fixture.destroy();
    http.match(SYSTEM_STATUS_URL);
    http.verify();
  });

  async function answer(body: object, init?: { status: number; statusText: string }): Promise<void> {
    http.expectOne(SYSTEM_STATUS_URL).flush(body, init);
    await fixture.whenStable();
  }

  it('has one h1 and says it is checking before the first answer', () => {
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect(text(page.querySelector('h1'))).toBe('System status');
    expect(text(page.querySelector('[role="status"]'))).toContain('Checking Postgres, Redis and the worker');
  });

  it('shows an Up badge, the latency and the worker details when everything is up', async () => {
    await answer(aSystemStatus());

    for (const service of ['postgres', 'redis', 'worker']) {
      expect(text(card(service)?.querySelector('.badge'))).toBe('Up');
      expect(card(service)?.querySelector('.badge--up')).not.toBeNull();
    }
    expect(fact('postgres', 'Response time')).toBe('3 ms');
    expect(fact('redis', 'Response time')).toBe('1 ms');
    expect(fact('worker', 'Last heartbeat')).toBe('12 s ago');
    expect(fact('worker', 'Active workers')).toBe('2');
    expect(fact('postgres', 'Active workers')).toBe('');
    expect(page.querySelector('[role="alert"]')).toBeNull();
    expect(text(page.querySelector('.status-meta'))).toMatch(
      /Checked at 9:41:05 AM, Eastern Time \(America\/New_York\)/,
    );
  });

  it('shows a Down badge with what went wrong for a service that is down', async () => {
    await answer(WORKER_DOWN, { status: 503, statusText: 'Service Unavailable' });

    const worker = card('worker');
    expect(text(worker?.querySelector('.badge'))).toBe('Down');
    expect(worker?.querySelector('.badge--down')).not.toBeNull();
    expect(text(worker)).toContain('What went wrong: No worker has answered a heartbeat for 95 seconds.');
    // A worker is judged by its heartbeat: it has no response time of its own.
    expect(fact('worker', 'Response time')).toBe('');
    expect(fact('worker', 'Last heartbeat')).toBe('1 min ago');
    expect(fact('worker', 'Active workers')).toBe('0');
    expect(text(card('postgres')?.querySelector('.badge'))).toBe('Up');
    expect(card('postgres')?.querySelector('.service__error')).toBeNull();
  });

  it('says so plainly when the API cannot be reached, instead of an empty panel', async () => {
    http.expectOne(SYSTEM_STATUS_URL).error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();

    const alert = page.querySelector('[role="alert"]');
    expect(text(alert)).toContain('Cannot reach the Carecast API: the server did not answer.');
    expect(text(alert)).toContain('tries again every');
    expect(page.querySelector('[data-service]')).toBeNull();
  });

  it('queues a heartbeat from the worker card and says so', async () => {
    await answer(aSystemStatus());
    const button = Array.from(page.querySelectorAll('button')).find((b) => text(b) === 'Check worker now');
    expect(button).toBeDefined();

    button?.click();
    await fixture.whenStable();
    expect(button?.disabled).toBe(true);
    http.expectOne(SYSTEM_HEARTBEAT_URL).flush({ jobId: 'job-1', requestId: 'req-1' });
    await fixture.whenStable();

    expect(text(card('worker')?.querySelector('.service__heartbeat'))).toContain('Heartbeat queued');
    expect(button?.disabled).toBe(false);

    // The status is asked for again straight away; once it shows a newer heartbeat, say so.
    http
      .expectOne(SYSTEM_STATUS_URL)
      .flush(
        aSystemStatus({ worker: { lastHeartbeatAt: '2026-03-02T14:41:04.000Z', secondsSinceHeartbeat: 1 } }),
      );
    await fixture.whenStable();
    expect(text(card('worker')?.querySelector('.service__heartbeat'))).toBe(
      'The worker answered at 9:41:04 AM.',
    );
  });

  it('polls while open and stops polling when the page is closed', async () => {
    fixture.destroy();
    TestBed.resetTestingModule();
    jest.useFakeTimers();
    try {
      // The page renders on the (fake) clock too: let a frame pass for it to settle.
      const settled = async () => {
        const stable = fixture.whenStable();
        await jest.advanceTimersByTimeAsync(20);
        await stable;
      };
      TestBed.configureTestingModule({
        providers: [
          provideHttpClient(),
          provideHttpClientTesting(),
          { provide: STATUS_POLL_INTERVAL_MS, useValue: 10_000 },
        ],
      });
      TestBed.inject(AuthStore).setMe(aMe(['viewer']));
      http = TestBed.inject(HttpTestingController);
      fixture = TestBed.createComponent(StatusPage);
      await settled();
      http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());
      await settled();

      await jest.advanceTimersByTimeAsync(9_900);
      http.expectNone(SYSTEM_STATUS_URL);
      await jest.advanceTimersByTimeAsync(100);
      http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());

      fixture.destroy();
      await jest.advanceTimersByTimeAsync(60_000);
      http.expectNone(SYSTEM_STATUS_URL);
    } finally {
      jest.useRealTimers();
    }
  });
});
