import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  NOTIFICATION_STREAM_EVENT,
  type NotificationChannels,
  type NotificationKind,
  type NotificationPreference,
  type NotificationStreamEvent,
  type NotificationSummary,
} from '@carecast/shared/contracts';
import { describeApiError, userMessage } from '@carecast/web/shared/util';
import {
  EVENT_SOURCE_CLOSED,
  type EventSourceLike,
  NOTIFICATION_EVENT_SOURCE,
  NOTIFICATION_RECONNECT_DELAYS_MS,
} from './notification-event-source';
import { NOTIFICATIONS_STREAM_URL, NotificationsService } from './notifications.service';

/** How many notifications the bell's panel shows. */
export const RECENT_LIMIT = 10;

export type RecentState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; items: NotificationSummary[]; more: boolean }
  | { state: 'failed'; message: string };

/** The live stream: not wanted (nobody watching), opening, open, or waiting to try again. */
export type LiveState = 'off' | 'connecting' | 'live' | 'retrying';

export type PreferencesState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; preferences: NotificationPreference[] }
  | { state: 'failed'; message: string };

/**
 * Signal store of the signed-in person's notifications: the unread count, kept live over the
 * stream (Server-Sent Events) while something watches it ({@link watch}); the recent ones for
 * the bell's panel; marking read; and the preferences.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsService);
  private readonly openEventSource = inject(NOTIFICATION_EVENT_SOURCE);
  private readonly reconnectDelays = inject(NOTIFICATION_RECONNECT_DELAYS_MS);

  private readonly _unread = signal(0);
  private readonly _recent = signal<RecentState>({ state: 'idle' });
  private readonly _live = signal<LiveState>('off');
  private readonly _latest = signal<NotificationSummary | null>(null);
  private readonly _preferences = signal<PreferencesState>({ state: 'idle' });
  private readonly _actionError = signal<string | null>(null);

  readonly unread = this._unread.asReadonly();
  readonly recent = this._recent.asReadonly();
  readonly live = this._live.asReadonly();
  /** The newest notification that arrived live (for announcing it). */
  readonly latest = this._latest.asReadonly();
  readonly preferences = this._preferences.asReadonly();
  /** Why marking read failed, in plain words; null otherwise. */
  readonly actionError = this._actionError.asReadonly();
  readonly items = computed(() => {
    const recent = this._recent();
    return recent.state === 'ready' ? recent.items : [];
  });

  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private watchers = 0;

  /**
   * Opens the live stream unless it is open, and returns the function that releases this
   * watcher; the stream closes when every watcher has released it. Reopened after the browser
   * gives up on it (a refusal, the api away), waiting longer each time.
   */
  watch(): () => void {
    this.watchers++;
    if (this.watchers === 1) this.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.watchers--;
      if (this.watchers === 0) this.close();
    };
  }

  /** Loads the newest notifications (for the panel): again each time, as some may have been missed. */
  loadRecent(): void {
    if (this._recent().state !== 'ready') this._recent.set({ state: 'loading' });
    this.api.list({ limit: RECENT_LIMIT }).subscribe({
      next: (page) => {
        this._recent.set({ state: 'ready', items: page.items, more: page.nextCursor !== null });
        this._unread.set(page.unread);
      },
      error: (error: unknown) => this._recent.set({ state: 'failed', message: describeApiError(error) }),
    });
  }

  /** Marks one read (shown read at once; put back if the api refuses). */
  markRead(id: string): void {
    const item = this.items().find((n) => n.id === id);
    if (!item || item.readAt) return;
    this._actionError.set(null);
    this.setReadAt((n) => n.id === id, new Date().toISOString());
    this._unread.update((n) => Math.max(0, n - 1));
    this.api.markRead(id).subscribe({
      next: ({ unread }) => this._unread.set(unread),
      error: (error: unknown) => {
        this.setReadAt((n) => n.id === id, null);
        this._actionError.set(userMessage(error));
        this.refreshCount();
      },
    });
  }

  markAllRead(): void {
    const before = this._recent();
    const now = new Date().toISOString();
    this.setReadAt((n) => !n.readAt, now);
    this._unread.set(0);
    this._actionError.set(null);
    this.api.markAllRead().subscribe({
      next: ({ unread }) => this._unread.set(unread),
      error: (error: unknown) => {
        this._recent.set(before);
        this._actionError.set(userMessage(error));
        this.refreshCount();
      },
    });
  }

  loadPreferences(): void {
    this._preferences.set({ state: 'loading' });
    this.api.preferences().subscribe({
      next: ({ preferences }) => this._preferences.set({ state: 'ready', preferences }),
      error: (error: unknown) => this._preferences.set({ state: 'failed', message: describeApiError(error) }),
    });
  }

  /** Saves the given kinds; resolves with null, or with why it failed in plain words. */
  savePreferences(changes: Array<NotificationChannels & { kind: NotificationKind }>): Promise<string | null> {
    return new Promise((resolve) =>
      this.api.savePreferences({ preferences: changes }).subscribe({
        next: ({ preferences }) => {
          this._preferences.set({ state: 'ready', preferences });
          resolve(null);
        },
        error: (error: unknown) => resolve(userMessage(error)),
      }),
    );
  }

  private open(): void {
    this.clearRetry();
    this._live.set('connecting');
    const source = this.openEventSource(NOTIFICATIONS_STREAM_URL);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this._live.set('live');
    };
    source.addEventListener(NOTIFICATION_STREAM_EVENT, (message) => {
      if (this.source === source) this.receive(message.data);
    });
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState !== EVENT_SOURCE_CLOSED) {
        // A dropped connection: the browser reconnects by itself.
        this._live.set('connecting');
        return;
      }
      source.close();
      this.source = null;
      this.scheduleRetry();
    };
  }

  private close(): void {
    this.clearRetry();
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this._live.set('off');
    this._recent.set({ state: 'idle' });
    this._latest.set(null);
  }

  /**
   * The browser gave up (the api refused the stream or is away). Ask for the count in the
   * meantime: if the session has ended, that answer signs the person out (the http interceptor),
   * and the watcher lets go of the stream.
   */
  private scheduleRetry(): void {
    this._live.set('retrying');
    const delay = this.reconnectDelays[Math.min(this.failures, this.reconnectDelays.length - 1)];
    this.failures++;
    this.refreshCount();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.watchers > 0) this.open();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private refreshCount(): void {
    this.api.unreadCount().subscribe({
      next: ({ unread }) => this._unread.set(unread),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) this.close();
      },
    });
  }

  private receive(data: string): void {
    let event: NotificationStreamEvent;
    try {
      event = JSON.parse(data) as NotificationStreamEvent;
    } catch {
      return;
    }
    if (typeof event?.unread !== 'number') return;
    this._unread.set(event.unread);
    const notification = event.notification;
    if (!notification) return;
    this._latest.set(notification);
    const recent = this._recent();
    if (recent.state === 'ready' && !recent.items.some((n) => n.id === notification.id))
      this._recent.set({ ...recent, items: [notification, ...recent.items].slice(0, RECENT_LIMIT) });
  }

  private setReadAt(which: (n: NotificationSummary) => boolean, readAt: string | null): void {
    const recent = this._recent();
    if (recent.state !== 'ready') return;
    this._recent.set({ ...recent, items: recent.items.map((n) => (which(n) ? { ...n, readAt } : n)) });
  }
}
