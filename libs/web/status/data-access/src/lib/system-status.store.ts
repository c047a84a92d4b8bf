import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { ServiceHealth, SystemStatus, WorkerHealth } from '@carecast/shared/contracts';
import { describeApiError } from '@carecast/web/shared/util';
import {
  catchError,
  map,
  merge,
  Observable,
  of,
  Subject,
  Subscription,
  switchMap,
  timeout,
  timer,
} from 'rxjs';
import { SystemStatusService } from './system-status.service';

/** How often the status is asked for while someone is watching it. */
export const STATUS_POLL_INTERVAL_MS = new InjectionToken<number>('STATUS_POLL_INTERVAL_MS', {
  providedIn: 'root',
  factory: () => 5000,
});

/** How long one status request may take before the API counts as unreachable. */
export const STATUS_REQUEST_TIMEOUT_MS = new InjectionToken<number>('STATUS_REQUEST_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 4000,
});

export type OverallState = 'checking' | 'up' | 'down' | 'unreachable';

export type ServiceKey = keyof SystemStatus['services'];

export interface ServiceRow {
  key: ServiceKey;
  name: string;
  role: string;
  health: ServiceHealth;
  /** Present for the worker only. */
  worker?: WorkerHealth;
}

export type HeartbeatState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'queued'; jobId: string; previousHeartbeatAt: string | null }
  | { kind: 'answered'; at: string }
  | { kind: 'failed'; message: string };

const SERVICE_LABELS: Record<ServiceKey, { name: string; role: string }> = {
  postgres: { name: 'Postgres', role: 'Database' },
  redis: { name: 'Redis', role: 'Job queue' },
  worker: { name: 'Worker', role: 'Publishes posts and runs background jobs' },
};

type PollResult = { ok: true; status: SystemStatus } | { ok: false; message: string };

/**
 * Signal store of the live system status. Polls while at least one view watches it
 * (see {@link watch}) and stops as soon as the last one lets go.
 */
@Injectable({ providedIn: 'root' })
export class SystemStatusStore {
  private readonly api = inject(SystemStatusService);
  private readonly intervalMs = inject(STATUS_POLL_INTERVAL_MS);
  private readonly timeoutMs = inject(STATUS_REQUEST_TIMEOUT_MS);

  private readonly _status = signal<SystemStatus | null>(null);
  private readonly _error = signal<string | null>(null);
  private readonly _heartbeat = signal<HeartbeatState>({ kind: 'idle' });

  /** The newest status the API gave (kept while the API is unreachable, as "last known"). */
  readonly status = this._status.asReadonly();
  /** Why the newest attempt failed, in plain words; null when it succeeded. */
  readonly error = this._error.asReadonly();
  readonly heartbeat = this._heartbeat.asReadonly();

  readonly services = computed<ServiceRow[]>(() => {
    const status = this._status();
    if (!status) return [];
    return (Object.keys(SERVICE_LABELS) as ServiceKey[]).map((key) => ({
      key,
      ...SERVICE_LABELS[key],
      health: status.services[key],
      worker: key === 'worker' ? status.services.worker : undefined,
    }));
  });

  readonly downServices = computed(() => this.services().filter((row) => row.health.status !== 'up'));

  readonly overall = computed<OverallState>(() => {
    if (this._error()) return 'unreachable';
    if (!this._status()) return 'checking';
    return this.downServices().length > 0 ? 'down' : 'up';
  });

  /** One short phrase for the toolbar, e.g. "All systems up" or "Worker down". */
  readonly summary = computed(() => {
    switch (this.overall()) {
      case 'checking':
        return 'Checking status…';
      case 'unreachable':
        return 'API unreachable';
      case 'up':
        return 'All systems up';
      case 'down': {
        const names = this.downServices().map((row) => row.name);
        return `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} down`;
      }
    }
  });

  private readonly refreshNow$ = new Subject<void>();
  private poll?: Subscription;
  private watchers = 0;

  /**
   * Starts polling (immediately, then every interval) unless it is already running, and returns
   * the function that releases this watcher. Polling stops when every watcher has released.
   */
  watch(): () => void {
    this.watchers++;
    if (!this.poll) {
      this.poll = merge(timer(0, this.intervalMs), this.refreshNow$)
        .pipe(switchMap(() => this.fetch()))
        .subscribe((result) => this.apply(result));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.watchers--;
      if (this.watchers === 0) {
        this.poll?.unsubscribe();
        this.poll = undefined;
      }
    };
  }

  /** Asks for the status now, without waiting for the next poll. */
  refresh(): void {
    if (this.poll) {
      this.refreshNow$.next();
    } else {
      this.fetch().subscribe((result) => this.apply(result));
    }
  }

  /** Queues a heartbeat job, then refreshes the status so the worker's answer shows up. */
  checkWorkerNow(): void {
    if (this._heartbeat().kind === 'sending') return;
    this._heartbeat.set({ kind: 'sending' });
    this.api.requestHeartbeat().subscribe({
      next: ({ jobId }) => {
        const previousHeartbeatAt = this._status()?.services.worker.lastHeartbeatAt ?? null;
        this._heartbeat.set({ kind: 'queued', jobId, previousHeartbeatAt });
        this.refresh();
      },
      error: (error: unknown) => this._heartbeat.set({ kind: 'failed', message: describeApiError(error) }),
    });
  }

  /** Once a newer heartbeat than the one before the click shows up, the worker has answered. */
  private noticeHeartbeatAnswer(status: SystemStatus): void {
    const heartbeat = this._heartbeat();
    const latest = status.services.worker.lastHeartbeatAt;
    if (heartbeat.kind === 'queued' && latest && latest !== heartbeat.previousHeartbeatAt) {
      this._heartbeat.set({ kind: 'answered', at: latest });
    }
  }

  private fetch(): Observable<PollResult> {
    return this.api.getStatus().pipe(
      timeout(this.timeoutMs),
      map((status): PollResult => ({ ok: true, status })),
      catchError((error: unknown) => of<PollResult>({ ok: false, message: describeApiError(error) })),
    );
  }

  private apply(result: PollResult): void {
    if (result.ok) {
      this._status.set(result.status);
      this._error.set(null);
      this.noticeHeartbeatAnswer(result.status);
    } else {
      this._error.set(result.message);
    }
  }
}
