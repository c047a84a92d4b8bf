import { InjectionToken } from '@angular/core';

/** What the store needs of an EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser gave up on the stream (an HTTP error) and will not reconnect. */
export const EVENT_SOURCE_CLOSED = 2;

/** A stream that never opens: where there is no EventSource (a test page), nothing is live. */
class NoEventSource implements EventSourceLike {
  readonly readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  addEventListener(): void {
    // Nothing ever arrives.
  }
  close(): void {
    // Nothing to close.
  }
}

/** Opens the live stream at a URL (the browser's EventSource; sends the session cookie, same origin). */
export const NOTIFICATION_EVENT_SOURCE = new InjectionToken<(url: string) => EventSourceLike>(
  'NOTIFICATION_EVENT_SOURCE',
  {
    providedIn: 'root',
    factory: () => (url: string) =>
      typeof EventSource === 'undefined'
        ? new NoEventSource()
        : (new EventSource(url) as unknown as EventSourceLike),
  },
);

/**
 * How long to wait before opening the stream again after the browser gave up on it (a refusal
 * or the api away), one delay per attempt in a row; the last repeats.
 */
export const NOTIFICATION_RECONNECT_DELAYS_MS = new InjectionToken<readonly number[]>(
  'NOTIFICATION_RECONNECT_DELAYS_MS',
  { providedIn: 'root', factory: () => [2_000, 5_000, 15_000, 30_000, 60_000] },
);
