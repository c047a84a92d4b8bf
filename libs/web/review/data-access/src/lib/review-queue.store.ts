import { computed, inject, Injectable, signal } from '@angular/core';
import type { PostChannelRef, PersonRef, ReviewQueueItem } from '@carecast/shared/contracts';
import { userMessage } from '@carecast/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { ReviewService } from './review.service';

/** The kind filter of the queue: everything, plain posts, health alerts, or alerts of one urgency. */
export const QUEUE_KIND_FILTERS = ['all', 'post', 'health_alert', 'emergency', 'urgent', 'routine'] as const;
export type QueueKindFilter = (typeof QUEUE_KIND_FILTERS)[number];

export const QUEUE_KIND_FILTER_LABELS: Record<QueueKindFilter, string> = {
  all: 'All posts and alerts',
  post: 'Posts',
  health_alert: 'Health alerts (any urgency)',
  emergency: 'Emergency alerts',
  urgent: 'Urgent alerts',
  routine: 'Routine alerts',
};

export interface QueueFilters {
  kind: QueueKindFilter;
  channelId: string | null;
  authorId: string | null;
  /** Only posts that changed since the signed-in person last decided on them. */
  changedOnly: boolean;
}

export const NO_QUEUE_FILTERS: QueueFilters = {
  kind: 'all',
  channelId: null,
  authorId: null,
  changedOnly: false,
};

export type QueueLoad = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export interface QueueCounts {
  /** Posts in review. */
  total: number;
  /** Posts the signed-in person may still decide on (not their own, not yet approved by them). */
  waitingOnMe: number;
  emergencies: number;
  changedSinceMyReview: number;
  /** When the oldest post was sent for review. */
  oldestSubmittedAt: string | null;
}

/** Oldest first: by the time it was sent for review (never sent: last), then by id. */
export function oldestFirst(a: ReviewQueueItem, b: ReviewQueueItem): number {
  const at = (i: ReviewQueueItem) => (i.submittedAt ? Date.parse(i.submittedAt) : Number.POSITIVE_INFINITY);
  return at(a) - at(b) || a.id.localeCompare(b.id);
}

export function matchesFilters(item: ReviewQueueItem, filters: QueueFilters): boolean {
  switch (filters.kind) {
    case 'post':
    case 'health_alert':
      if (item.kind !== filters.kind) return false;
      break;
    case 'emergency':
    case 'urgent':
    case 'routine':
      if (item.kind !== 'health_alert' || (item.urgency ?? 'routine') !== filters.kind) return false;
      break;
  }
  if (filters.channelId && !item.channels.some((c) => c.id === filters.channelId)) return false;
  if (filters.authorId && item.author?.id !== filters.authorId) return false;
  if (filters.changedOnly && !item.changedSinceMyLastDecision) return false;
  return true;
}

/** Whether the signed-in person may still decide on it. */
export function waitsOnMe(item: ReviewQueueItem): boolean {
  return !item.mine && !item.approvedByMe;
}

/**
 * Signal store of the review queue: the posts in review oldest first (each with its blocking
 * findings and what changed since the signed-in person's last decision, all in the one answer),
 * the filters, the counts the page leads with, and the row chosen from the keyboard.
 */
@Injectable({ providedIn: 'root' })
export class ReviewQueueStore {
  private readonly api = inject(ReviewService);

  private readonly _load = signal<QueueLoad>({ state: 'loading' });
  private readonly _items = signal<ReviewQueueItem[]>([]);
  private readonly _filters = signal<QueueFilters>(NO_QUEUE_FILTERS);
  private readonly _selectedId = signal<string | null>(null);
  private generation = 0;

  readonly load = this._load.asReadonly();
  readonly filters = this._filters.asReadonly();

  /** Every post in review, oldest first. */
  readonly items = computed(() => [...this._items()].sort(oldestFirst));
  /** The posts the filters let through, oldest first. */
  readonly visible = computed(() => this.items().filter((item) => matchesFilters(item, this._filters())));
  readonly filtered = computed(() => {
    const f = this._filters();
    return f.kind !== 'all' || !!f.channelId || !!f.authorId || f.changedOnly;
  });

  readonly counts = computed<QueueCounts>(() => {
    const items = this.items();
    return {
      total: items.length,
      waitingOnMe: items.filter(waitsOnMe).length,
      emergencies: items.filter((i) => i.kind === 'health_alert' && i.urgency === 'emergency').length,
      changedSinceMyReview: items.filter((i) => i.changedSinceMyLastDecision).length,
      oldestSubmittedAt: items.find((i) => i.submittedAt)?.submittedAt ?? null,
    };
  });

  /** The channels and authors of the posts in the queue (the filters offer only these). */
  readonly channels = computed<PostChannelRef[]>(() => uniqueById(this.items().flatMap((i) => i.channels)));
  readonly authors = computed<PersonRef[]>(() =>
    uniqueById(this.items().flatMap((i) => (i.author ? [i.author] : []))),
  );

  /** The row chosen with j/k (the first visible one until then). */
  readonly selectedId = computed(() => {
    const visible = this.visible();
    const id = this._selectedId();
    return visible.some((i) => i.id === id) ? id : (visible[0]?.id ?? null);
  });

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    if (this._load().state !== 'ready') this._load.set({ state: 'loading' });
    try {
      const items = await firstValueFrom(this.api.queue({ limit: 100 }));
      if (generation !== this.generation) return;
      this._items.set(items);
      this._load.set({ state: 'ready' });
    } catch (error: unknown) {
      if (generation !== this.generation) return;
      this._load.set({ state: 'failed', message: userMessage(error) });
    }
  }

  setFilters(changes: Partial<QueueFilters>): void {
    this._filters.update((f) => ({ ...f, ...changes }));
  }

  clearFilters(): void {
    this._filters.set(NO_QUEUE_FILTERS);
  }

  select(id: string): void {
    this._selectedId.set(id);
  }

  /** Moves the chosen row by `delta` rows (j: +1, k: -1), staying within the list. */
  move(delta: number): string | null {
    const visible = this.visible();
    if (visible.length === 0) return null;
    const index = visible.findIndex((i) => i.id === this.selectedId());
    const next = visible[Math.min(visible.length - 1, Math.max(0, (index < 0 ? 0 : index) + delta))];
    this._selectedId.set(next.id);
    return next.id;
  }
}

function uniqueById<T extends { id: string; name: string }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of list) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
