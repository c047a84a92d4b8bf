import type { Provider } from '@angular/core';
import {
  NOTIFICATION_STREAM_EVENT,
  type NotificationStreamEvent,
  type NotificationSummary,
} from '@carecast/shared/contracts';
import {
  EVENT_SOURCE_CLOSED,
  type EventSourceLike,
  NOTIFICATION_EVENT_SOURCE,
  NOTIFICATION_RECONNECT_DELAYS_MS,
} from '../lib/notification-event-source';

let count = 0;

/** A notification as the api gives it; unread, a review request, unless overridden. */
export function aNotification(overrides: Partial<NotificationSummary> = {}): NotificationSummary {
  count += 1;
  return {
    id: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
    kind: 'review_requested',
    title: 'Flu clinic post is waiting for your review',
    body: 'Flu shots this Saturday, 9 to 1.',
    link: '/review',
    postId: null,
    actor: { id: 'u-dana', name: 'Dana Whitfield' },
    createdAt: '2026-03-02T14:00:00Z',
    readAt: null,
    ...overrides,
  };
}

/** An EventSource played by the test: open it, send events, make it fail. */
export class FakeEventSource implements EventSourceLike {
  static readonly opened: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  /** The newest one opened. */
  static latest(): FakeEventSource {
    const latest = FakeEventSource.opened.at(-1);
    if (!latest) throw new Error('no event source was opened');
    return latest;
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = EVENT_SOURCE_CLOSED;
  }

  /** The stream opened. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** The server sent an event. */
  send(event: NotificationStreamEvent): void {
    const message = { data: JSON.stringify(event) } as MessageEvent<string>;
    for (const listener of this.listeners.get(NOTIFICATION_STREAM_EVENT) ?? []) listener(message);
  }

  /** The connection failed: `closed` when the browser gives up (an HTTP error), else it reconnects. */
  fail(closed: boolean): void {
    this.readyState = closed ? EVENT_SOURCE_CLOSED : 0;
    this.onerror?.(new Event('error'));
  }
}

/** Providers that make the notifications store open fake event sources and retry at once. */
export function provideFakeEventSource(reconnectDelaysMs: number[] = [10, 20]): Provider[] {
  FakeEventSource.opened.length = 0;
  return [
    { provide: NOTIFICATION_EVENT_SOURCE, useValue: (url: string) => new FakeEventSource(url) },
    { provide: NOTIFICATION_RECONNECT_DELAYS_MS, useValue: reconnectDelaysMs },
  ];
}
