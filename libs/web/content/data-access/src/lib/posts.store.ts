import { computed, inject, Injectable, signal } from '@angular/core';
import type { PostKind, PostState, PostSummary } from '@carecast/shared/contracts';
import { userMessage } from '@carecast/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { PostsService } from './posts.service';

/** The state filters of the posts list, each a group of states, with the words of its chip. */
export const POST_STATE_FILTERS = [
  { id: 'all', label: 'All', states: [] },
  { id: 'drafts', label: 'Drafts', states: ['draft'] },
  { id: 'changes', label: 'Changes requested', states: ['changes_requested'] },
  { id: 'in_review', label: 'In review', states: ['in_review'] },
  { id: 'approved', label: 'Approved or scheduled', states: ['approved', 'scheduled'] },
  { id: 'published', label: 'Published', states: ['publishing', 'published', 'partially_published'] },
  { id: 'problems', label: 'Failed or expired', states: ['failed', 'expired'] },
  { id: 'cancelled', label: 'Cancelled', states: ['cancelled'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; states: readonly PostState[] }>;

export type PostStateFilter = (typeof POST_STATE_FILTERS)[number]['id'];

export interface PostFilters {
  state: PostStateFilter;
  kind: PostKind | null;
  channelId: string | null;
  q: string;
}

export const POSTS_PAGE_SIZE = 25;

export type PostsListState =
  | { state: 'loading' }
  | { state: 'ready'; posts: PostSummary[]; total: number }
  | { state: 'failed'; message: string };

const statesOf = (filter: PostStateFilter): PostState[] => [
  ...(POST_STATE_FILTERS.find((f) => f.id === filter)?.states ?? []),
];

/** The posts list: its filters, the posts that match, and how many posts each state filter holds. */
@Injectable({ providedIn: 'root' })
export class PostsStore {
  private readonly api = inject(PostsService);

  private readonly _filters = signal<PostFilters>({ state: 'all', kind: null, channelId: null, q: '' });
  private readonly _list = signal<PostsListState>({ state: 'loading' });
  private readonly _counts = signal<Partial<Record<PostStateFilter, number>>>({});
  private readonly _limit = signal(POSTS_PAGE_SIZE);
  private request = 0;

  readonly filters = this._filters.asReadonly();
  readonly list = this._list.asReadonly();
  /** Posts per state filter (for the kind, channel and words chosen), counted before the list shows. */
  readonly counts = this._counts.asReadonly();
  readonly posts = computed(() => {
    const list = this._list();
    return list.state === 'ready' ? list.posts : [];
  });
  readonly hasMore = computed(() => {
    const list = this._list();
    return list.state === 'ready' && list.posts.length < list.total;
  });
  /** No filter at all is chosen (an empty list then means the organisation has no posts yet). */
  readonly unfiltered = computed(() => {
    const f = this._filters();
    return f.state === 'all' && f.kind === null && f.channelId === null && f.q.trim() === '';
  });

  /** Changes some filters and loads again. */
  setFilters(change: Partial<PostFilters>): void {
    this._filters.update((f) => ({ ...f, ...change }));
    this._limit.set(POSTS_PAGE_SIZE);
    void this.refresh();
  }

  showMore(): void {
    this._limit.update((n) => n + POSTS_PAGE_SIZE);
    void this.refresh();
  }

  /** Loads the counts and the list for the current filters (a newer call wins over an older one). */
  async refresh(): Promise<void> {
    const request = ++this.request;
    const f = this._filters();
    const common = {
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.channelId ? { channelId: f.channelId } : {}),
      ...(f.q.trim() ? { q: f.q.trim() } : {}),
    };
    if (this._list().state !== 'ready') this._list.set({ state: 'loading' });
    try {
      const [counts, page] = await Promise.all([
        Promise.all(
          POST_STATE_FILTERS.map(async (filter) => {
            const states = statesOf(filter.id);
            const answer = await firstValueFrom(
              this.api.list({ ...common, ...(states.length ? { state: states } : {}), limit: 1 }),
            );
            return [filter.id, answer.total] as const;
          }),
        ),
        firstValueFrom(
          this.api.list({
            ...common,
            ...(statesOf(f.state).length ? { state: statesOf(f.state) } : {}),
            sort: 'updated_desc',
            limit: this._limit(),
          }),
        ),
      ]);
      if (request !== this.request) return;
      this._counts.set(Object.fromEntries(counts));
      this._list.set({ state: 'ready', posts: page.posts, total: page.total });
    } catch (error: unknown) {
      if (request !== this.request) return;
      this._list.set({ state: 'failed', message: userMessage(error) });
    }
  }
}
