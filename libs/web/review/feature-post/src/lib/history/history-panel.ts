import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { PostChange, PostVersionSummary } from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { decisionVerb, PostReviewStore } from '@carecast/web/review/data-access';
import { fieldLabel } from '@carecast/web/review/ui';
import { formatDateTime } from '@carecast/web/shared/util';
import { Notice } from '@carecast/web/ui';
import { DiffSide } from './diff-side';
import { sideBySide, type SideBySide } from './side-by-side';

/**
 * The post's versions and what changed between any two of them, side by side (by default what
 * changed since the signed-in person's last review), then its history: saves, decisions,
 * comments, overrides and the workflow's moves.
 */
@Component({
  selector: 'cc-history-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DiffSide, MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, Notice],
  templateUrl: './history-panel.html',
  styleUrl: './history-panel.scss',
})
export class HistoryPanel {
  protected readonly store = inject(PostReviewStore);
  private readonly organisation = inject(ORGANISATION);

  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);

  /** Oldest first, for the two pickers. */
  protected readonly versions = computed<PostVersionSummary[]>(() => {
    const v = this.store.versions();
    return v.state === 'ready' ? [...v.value].sort((a, b) => a.revision - b.revision) : [];
  });

  /** The diff shown compares since my last decision. */
  protected readonly sinceMine = computed(() => {
    const mine = this.store.review()?.myLastDecision;
    const diff = this.store.diff();
    return !!mine && !!diff && diff.from === mine.revision && diff.to === this.store.review()?.revision;
  });

  protected readonly myDecision = computed(() => {
    const mine = this.store.review()?.myLastDecision;
    return mine ? `${decisionVerb(mine.decision)} on ${this.time(mine.decidedAt)}` : null;
  });

  private readonly sides = new WeakMap<PostChange, SideBySide>();

  constructor() {
    void this.store.read('versions');
    void this.store.read('history');
    // The first comparison: since my last review, else the previous revision.
    effect(() => {
      const initial = this.store.defaultDiff();
      if (!initial || untracked(() => this.from() !== null)) return;
      this.from.set(initial.from);
      this.to.set(initial.to);
      void this.store.compare(initial.from, initial.to);
    });
  }

  protected pick(side: 'from' | 'to', revision: number): void {
    (side === 'from' ? this.from : this.to).set(revision);
    const [from, to] = [this.from(), this.to()];
    if (from !== null && to !== null) void this.store.compare(from, to);
  }

  protected side(change: PostChange): SideBySide {
    let sides = this.sides.get(change);
    if (!sides) {
      sides = sideBySide(change.before, change.after);
      this.sides.set(change, sides);
    }
    return sides;
  }

  protected label(change: PostChange): string {
    return change.label || fieldLabel(change.field, this.store.post()?.variants ?? []);
  }

  protected versionLabel(v: PostVersionSummary): string {
    return `Revision ${v.revision} · ${v.editor?.name ?? 'Carecast'} · ${this.time(v.createdAt)}`;
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }
}
