import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  ElementRef,
  inject,
  viewChildren,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { CHANNEL_KIND_LABELS, type ReviewQueueItem } from '@carecast/shared/contracts';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import {
  QUEUE_KIND_FILTER_LABELS,
  QUEUE_KIND_FILTERS,
  ReviewQueueStore,
  waitsOnMe,
  type QueueFilters,
  type QueueKindFilter,
} from '@carecast/web/review/data-access';
import { URGENCY_LABELS } from '@carecast/web/review/ui';
import { describeTimeZone, formatAge, formatDateTime } from '@carecast/web/shared/util';
import { EmptyState, Icon, Notice } from '@carecast/web/ui';

/** The beginning of a post's text for its row. */
export function excerptOf(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * The review queue: what needs the signed-in reviewer first (counts), then the posts in review
 * oldest first with what changed since their last decision, the blocking findings, the time each
 * goes out and emergency alerts marked; filters; j/k and Enter from the keyboard.
 */
@Component({
  selector: 'cc-review-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    EmptyState,
    Icon,
    Notice,
  ],
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './review-queue-page.html',
  styleUrl: './review-queue-page.scss',
})
export class ReviewQueuePage {
  protected readonly store = inject(ReviewQueueStore);
  protected readonly auth = inject(AuthStore);
  private readonly organisation = inject(ORGANISATION);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  private readonly rowLinks = viewChildren<ElementRef<HTMLAnchorElement>>('rowLink');

  protected readonly kinds = QUEUE_KIND_FILTERS;
  protected readonly kindLabels = QUEUE_KIND_FILTER_LABELS;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly channelKindLabels = CHANNEL_KIND_LABELS;

  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });
  protected readonly decides = computed(() => this.auth.can('review.decide'));

  constructor() {
    // Read again each time the page opens (back from deciding on a post, the list has moved).
    void this.store.refresh();
  }

  protected setKind(kind: QueueKindFilter): void {
    this.store.setFilters({ kind });
  }

  protected setFilter(changes: Partial<QueueFilters>): void {
    this.store.setFilters(changes);
  }

  /** j / k move the chosen row (and the focus to its link); Enter opens the chosen row. */
  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (this.typingIn(event.target)) return;
    if (event.key === 'j' || event.key === 'k') {
      const id = this.store.move(event.key === 'j' ? 1 : -1);
      if (!id) return;
      event.preventDefault();
      this.focusRow(id);
    } else if (event.key === 'Enter') {
      const target = event.target as HTMLElement | null;
      // A focused link or button opens itself.
      if (target && target.closest('a, button, [role="button"], [role="option"]')) return;
      const id = this.store.selectedId();
      if (!id) return;
      event.preventDefault();
      void this.router.navigate(['/posts', id]);
    }
  }

  protected choose(item: ReviewQueueItem): void {
    this.store.select(item.id);
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  protected waiting(iso: string): string {
    return formatAge((Date.now() - Date.parse(iso)) / 1000).replace(' ago', '');
  }

  protected channelsOf(item: ReviewQueueItem): string {
    return item.channels.map((c) => c.name).join(', ');
  }

  protected excerpt(text: string): string {
    return excerptOf(text);
  }

  protected status(item: ReviewQueueItem): { label: string; tone: 'mine' | 'done' | 'waiting' | 'read' } {
    if (item.mine) return { label: 'Your post', tone: 'mine' };
    if (item.approvedByMe) return { label: 'You approved it', tone: 'done' };
    if (!this.decides()) return { label: 'In review', tone: 'read' };
    return { label: waitsOnMe(item) ? 'Waiting for you' : 'In review', tone: 'waiting' };
  }

  protected changeLabels(item: ReviewQueueItem): string | null {
    return item.changedParts.length ? item.changedParts.join(', ') : null;
  }

  private focusRow(id: string): void {
    const link = this.rowLinks().find((ref) => ref.nativeElement.dataset['postId'] === id);
    link?.nativeElement.focus();
    link?.nativeElement.scrollIntoView?.({ block: 'nearest' });
  }

  private typingIn(target: EventTarget | null): boolean {
    if (!(target instanceof HTMLElement)) return false;
    if (target.isContentEditable) return true;
    if (this.document.querySelector('.cdk-overlay-pane')) return true; // an open select or menu
    return !!target.closest('input, textarea, select, mat-select, [role="combobox"], [role="listbox"]');
  }
}
