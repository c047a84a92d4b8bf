import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { POST_STATE_LABELS, type Finding } from '@carecast/shared/contracts';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { decisionVerb, PostReviewStore } from '@carecast/web/review/data-access';
import { fieldLabel, FindingsList, PostPreview, URGENCY_LABELS } from '@carecast/web/review/ui';
import { describeTimeZone, formatDateTime } from '@carecast/web/shared/util';
import { EmptyState, Notice } from '@carecast/web/ui';
import { OverrideDialog, type OverrideDialogData } from './actions/override-dialog';
import { ReviewActions } from './actions/review-actions';
import { ApprovalsPanel } from './approvals/approvals-panel';
import { AuditPanel } from './audit/audit-panel';
import { CommentsPanel } from './comments/comments-panel';
import { HistoryPanel } from './history/history-panel';

/**
 * A post under review: how it will appear on each channel, its state, the findings with the
 * offending words marked, what the signed-in person may do (by role and by the workflow table),
 * then its history (versions, diff), comments, approvals and audit entries.
 */
@Component({
  selector: 'cc-post-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTabsModule,
    RouterLink,
    EmptyState,
    FindingsList,
    Notice,
    PostPreview,
    ReviewActions,
    ApprovalsPanel,
    AuditPanel,
    CommentsPanel,
    HistoryPanel,
  ],
  providers: [PostReviewStore],
  templateUrl: './post-page.html',
  styleUrl: './post-page.scss',
})
export class PostPage {
  /** The post's id, from the address (`/posts/:id`). */
  readonly id = input.required<string>();

  protected readonly store = inject(PostReviewStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  protected readonly organisation = inject(ORGANISATION);
  private readonly router = inject(Router);

  /** The first part of the address the person came from (`posts`, `review`...), if any. */
  private readonly cameFrom = (() => {
    const navigation = this.router.currentNavigation() ?? this.router.lastSuccessfulNavigation();
    return navigation?.previousNavigation?.finalUrl?.root.children['primary']?.segments[0]?.path ?? null;
  })();

  /**
   * Where "back" goes: the posts for someone who came from them or may not read the review
   * queue; otherwise the review queue.
   */
  protected readonly back = computed(() =>
    this.cameFrom === 'posts' || !this.auth.can('review.read')
      ? { link: '/posts', label: 'Posts', open: 'Open the posts' }
      : { link: '/review', label: 'Review queue', open: 'Open the review queue' },
  );

  protected readonly stateLabels = POST_STATE_LABELS;
  protected readonly urgencyLabels = URGENCY_LABELS;

  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });

  protected readonly heading = computed(() => {
    const post = this.store.post();
    if (!post) return 'Post';
    return post.kind === 'health_alert'
      ? `${URGENCY_LABELS[post.urgency ?? 'routine']} health alert`
      : 'Post';
  });

  protected readonly state = computed(() => this.store.review()?.state ?? this.store.post()?.state ?? null);

  /** "Changed since you requested changes on …: Text, Spanish text". */
  protected readonly changedSinceMine = computed(() => {
    const review = this.store.review();
    const mine = review?.myLastDecision;
    if (!review || !mine || review.changesSinceMyLastDecision.length === 0) return null;
    const parts = [...new Set(review.changesSinceMyLastDecision.map((c) => c.label))].join(', ');
    return `Changed since you ${decisionVerb(mine.decision)} on ${this.time(mine.decidedAt)} (revision ${mine.revision}): ${parts}.`;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.open(id));
    });
  }

  protected override(finding: Finding): void {
    const data: OverrideDialogData = {
      finding,
      where: fieldLabel(finding.field, this.store.post()?.variants ?? []),
      store: this.store,
    };
    this.dialog.open(OverrideDialog, { data, width: '520px', maxWidth: 'calc(100vw - 32px)' });
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }
}
