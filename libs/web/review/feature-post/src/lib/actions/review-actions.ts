import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  OUTSIDE_REVIEW_HOURS,
  POST_ACTION_LABELS,
  REVIEW_LIMITS,
  ROLE_LABELS,
  type OutsideReviewStatus,
  type OutsideReviewSummary,
} from '@carecast/shared/contracts';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { PostReviewStore } from '@carecast/web/review/data-access';
import {
  applyServerErrors,
  fieldError,
  formatDateTime,
  markSubmitted,
  provideFormFields,
  type Submission,
} from '@carecast/web/shared/util';
import { FormError, Notice } from '@carecast/web/ui';
import { CancelPostDialog } from './cancel-post-dialog';

const OUTSIDE_STATUS_LABELS: Record<OutsideReviewStatus, string> = {
  pending: 'Waiting for their answer',
  decided: 'Answered',
  expired: 'Link expired unused',
  outdated: 'The post changed since: the link no longer works',
  withdrawn: 'No longer needed',
};

const submission = (): Submission => ({ busy: signal(false), error: signal<string | null>(null) });

/**
 * What the signed-in person may do on the post, and only that: a reviewer's decision (approve, or
 * request changes with a comment), the emergency fast path, the author's submit / edit / cancel,
 * and asking an outside approver.
 */
@Component({
  selector: 'cc-review-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    FormError,
    Notice,
  ],
  providers: [provideFormFields()],
  templateUrl: './review-actions.html',
  styleUrl: './review-actions.scss',
})
export class ReviewActions {
  protected readonly store = inject(PostReviewStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly organisation = inject(ORGANISATION);

  protected readonly labels = POST_ACTION_LABELS;
  protected readonly hours = OUTSIDE_REVIEW_HOURS;
  protected readonly fieldError = fieldError;

  protected readonly moves = computed(() => new Set(this.store.actions().moves));
  protected readonly decides = computed(
    () => this.moves().has('approve') || this.moves().has('request_changes'),
  );
  protected readonly authorMoves = computed(
    () => this.moves().has('submit') || this.moves().has('edit') || this.moves().has('cancel'),
  );
  protected readonly blocking = computed(() => this.store.blockingCount());
  protected readonly state = computed(
    () => this.store.review()?.state ?? this.store.post()?.state ?? 'draft',
  );

  /** Why a reviewer looking at their own post in review cannot decide on it. */
  protected readonly ownPostNote = computed(() => {
    if (!this.auth.can('review.decide') || !this.store.isAuthor() || this.state() !== 'in_review')
      return null;
    return 'You wrote this post, so another reviewer must approve it.';
  });

  /** Why the api keeps Approve closed to a reviewer who could otherwise approve (e.g. already approved). */
  protected readonly approveRefusal = computed(() => {
    if (this.moves().has('approve') || !this.moves().has('request_changes')) return null;
    return this.store.review()?.refusedActions.find((r) => r.action === 'approve')?.reason ?? null;
  });

  protected readonly fastTrack = computed(() => this.store.review()?.fastTrack ?? null);

  // The reviewer's decision.
  protected readonly decision = new FormGroup({
    comment: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(REVIEW_LIMITS.comment)],
    }),
  });
  protected readonly deciding = submission();

  // The author's moves and the fast path.
  protected readonly moving = submission();
  protected readonly fastComment = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(REVIEW_LIMITS.comment)],
  });

  // The outside approver.
  protected readonly askingOpen = signal(false);
  protected readonly outsideForm = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(REVIEW_LIMITS.name), Validators.pattern(/\S/)],
    }),
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(REVIEW_LIMITS.email)],
    }),
    message: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(REVIEW_LIMITS.comment)],
    }),
  });
  protected readonly asking = submission();

  constructor() {
    void this.store.read('outside');
  }

  protected async approve(): Promise<void> {
    markSubmitted(this.decision);
    if (this.decision.invalid || this.deciding.busy()) return;
    await this.decide(() => this.store.approve(this.decision.controls.comment.value || null));
  }

  protected async requestChanges(): Promise<void> {
    const comment = this.decision.controls.comment;
    if (!comment.value.trim()) {
      comment.setErrors({ ...(comment.errors ?? {}), required: true });
      markSubmitted(this.decision);
      return;
    }
    markSubmitted(this.decision);
    if (this.decision.invalid || this.deciding.busy()) return;
    await this.decide(() => this.store.requestChanges(comment.value));
  }

  protected async submit(): Promise<void> {
    await this.run(this.moving, () => this.store.submit());
  }

  protected async takeFastPath(): Promise<void> {
    if (this.fastComment.invalid) return;
    await this.run(this.moving, () => this.store.fastTrack(this.fastComment.value || null));
  }

  protected cancelPost(): void {
    this.dialog.open(CancelPostDialog, { data: this.store, width: '480px', maxWidth: 'calc(100vw - 32px)' });
  }

  protected toggleAsking(): void {
    this.askingOpen.update((open) => !open);
  }

  protected async askOutside(): Promise<void> {
    markSubmitted(this.outsideForm);
    if (this.outsideForm.invalid || this.asking.busy()) return;
    this.asking.busy.set(true);
    this.asking.error.set(null);
    try {
      await this.store.askOutside(this.outsideForm.getRawValue());
      this.outsideForm.reset();
      this.askingOpen.set(false);
    } catch (error: unknown) {
      this.asking.error.set(applyServerErrors(this.outsideForm, error));
    } finally {
      this.asking.busy.set(false);
    }
  }

  protected outsideStatus(link: OutsideReviewSummary): string {
    if (link.status === 'pending')
      return `${OUTSIDE_STATUS_LABELS.pending} (link works until ${this.time(link.expiresAt)})`;
    if (link.status === 'decided' && link.decision)
      return link.decision === 'approved' ? 'Approved' : 'Asked for changes';
    return OUTSIDE_STATUS_LABELS[link.status];
  }

  protected roleLabel(role: keyof typeof ROLE_LABELS): string {
    return ROLE_LABELS[role];
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  private async decide(send: () => Promise<void>): Promise<void> {
    this.deciding.busy.set(true);
    this.deciding.error.set(null);
    try {
      await send();
      this.decision.reset();
    } catch (error: unknown) {
      this.deciding.error.set(applyServerErrors(this.decision, error));
    } finally {
      this.deciding.busy.set(false);
    }
  }

  private async run(state: Submission, send: () => Promise<void>): Promise<void> {
    if (state.busy()) return;
    state.busy.set(true);
    state.error.set(null);
    try {
      await send();
    } catch (error: unknown) {
      state.error.set(applyServerErrors(new FormGroup({}), error));
    } finally {
      state.busy.set(false);
    }
  }
}
