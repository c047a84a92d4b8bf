import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  POST_STATE_LABELS,
  type AlertUrgency,
  type ChannelSummary,
  type PostKind,
  type PostState,
  type PostSummary,
} from '@carecast/shared/contracts';
import { ChannelsService } from '@carecast/web/channels/data-access';
import { POST_STATE_FILTERS, PostsStore, type PostStateFilter } from '@carecast/web/content/data-access';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { describeTimeZone, formatDateTime } from '@carecast/web/shared/util';
import { EmptyState, Icon, Notice } from '@carecast/web/ui';

const URGENCY: Record<AlertUrgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};
const WRITING: readonly PostState[] = ['draft', 'changes_requested'];
const SEARCH_DELAY_MS = 300;

/** The first words of a text, for a list row. */
export function firstWords(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return 'Untitled (no text yet)';
  return flat.length <= max ? flat : `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** Every post of the organisation: how many in each state first, then the list, filtered. */
@Component({
  selector: 'cc-posts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    EmptyState,
    Icon,
    Notice,
  ],
  templateUrl: './posts-page.html',
  styleUrl: './posts-page.scss',
})
export class PostsPage {
  protected readonly store = inject(PostsStore);
  private readonly channelsApi = inject(ChannelsService);
  private readonly auth = inject(AuthStore);
  private readonly org = inject(ORGANISATION);

  protected readonly stateFilters = POST_STATE_FILTERS;
  protected readonly stateLabels = POST_STATE_LABELS;
  protected readonly channels = signal<ChannelSummary[]>([]);
  protected readonly canWrite = computed(() => this.auth.can('content.write'));
  protected readonly timeZone = computed(() => describeTimeZone(this.org));
  protected readonly search = signal(this.store.filters().q);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    void this.store.refresh();
    this.channelsApi.list().subscribe({ next: (list) => this.channels.set(list), error: () => undefined });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.searchTimer));
  }

  protected chooseState(id: PostStateFilter): void {
    this.store.setFilters({ state: id });
  }

  protected chooseKind(kind: PostKind | null): void {
    this.store.setFilters({ kind });
  }

  protected chooseChannel(channelId: string | null): void {
    this.store.setFilters({ channelId });
  }

  protected typed(q: string): void {
    this.search.set(q);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.store.setFilters({ q }), SEARCH_DELAY_MS);
  }

  protected clearFilters(): void {
    this.search.set('');
    this.store.setFilters({ state: 'all', kind: null, channelId: null, q: '' });
  }

  protected title(post: PostSummary): string {
    return firstWords(post.text);
  }

  protected kindLabel(post: PostSummary): string {
    if (post.kind !== 'health_alert') return 'Post';
    return `Health alert · ${URGENCY[post.urgency ?? 'routine']}`;
  }

  protected link(post: PostSummary): string[] {
    return this.canWrite() && WRITING.includes(post.state)
      ? ['/posts', post.id, 'edit']
      : ['/posts', post.id];
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.org);
  }

  protected count(id: PostStateFilter): string {
    const n = this.store.counts()[id];
    return n === undefined ? '…' : String(n);
  }
}
