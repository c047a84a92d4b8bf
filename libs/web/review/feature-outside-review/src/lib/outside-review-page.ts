import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  REVIEW_LIMITS,
  type ApprovalDecision,
  type OutsideDecisionResult,
  type OutsideReviewPage as OutsideReview,
} from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { ReviewService } from '@carecast/web/review/data-access';
import { FindingsList, PostPreview, URGENCY_LABELS } from '@carecast/web/review/ui';
import {
  applyServerErrors,
  describeTimeZone,
  errorStatus,
  formatDateTime,
  markSubmitted,
  provideFormFields,
  userMessage,
  type Organisation,
} from '@carecast/web/shared/util';
import { FormError, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

/** Why the link cannot be used, in the approver's words. */
export type LinkProblem = { kind: 'gone' | 'changed' | 'invalid' | 'failed'; message: string };

export function linkProblemOf(error: unknown): LinkProblem {
  const status = errorStatus(error);
  const message = userMessage(error);
  if (status === 410) return { kind: 'gone', message };
  if (status === 409) return { kind: 'changed', message };
  if (status === 404)
    return {
      kind: 'invalid',
      message: 'This link is not valid. Check that the whole address from the email was opened.',
    };
  return { kind: 'failed', message };
}

const PROBLEM_HEADINGS: Record<LinkProblem['kind'], string> = {
  gone: 'This link no longer works',
  changed: 'This post changed since you were asked',
  invalid: 'This link is not valid',
  failed: 'The post could not be shown',
};

const PROBLEM_NEXT: Record<LinkProblem['kind'], string> = {
  gone: 'Each link works once, for 72 hours. If you still need to review this post, ask the person who emailed you for a new link.',
  changed:
    'Nothing for you to do with this link: if they still need your approval, they will send you a new one for the current version.',
  invalid:
    'If you copied the address from the email, make sure nothing is missing at its end, or ask the sender for a new link.',
  failed: 'Try again in a few minutes.',
};

/**
 * The page an outside approver (someone without an account, e.g. a physician) reaches from the
 * emailed link: the post as it will appear, and their decision (approve, or ask for changes with
 * a comment). No sign-in: the link is the credential; used, expired or outdated links say so.
 */
@Component({
  selector: 'cc-outside-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    FindingsList,
    FormError,
    Notice,
    PostPreview,
  ],
  providers: [provideFormFields()],
  templateUrl: './outside-review-page.html',
  styleUrl: './outside-review-page.scss',
})
export class OutsideReviewPage {
  /** The token from the emailed address (`/outside-review/:token`). */
  readonly token = input.required<string>();

  private readonly api = inject(ReviewService);
  private readonly browserOrganisation = inject(ORGANISATION);

  protected readonly review = signal<OutsideReview | null>(null);
  protected readonly problem = signal<LinkProblem | null>(null);
  protected readonly result = signal<OutsideDecisionResult | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly headings = PROBLEM_HEADINGS;
  protected readonly next = PROBLEM_NEXT;

  protected readonly form = new FormGroup({
    comment: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(REVIEW_LIMITS.comment)],
    }),
  });

  /**
   * Times in the practice's zone, named, as the practice's staff see them (the reader may be
   * elsewhere: "9:00 AM CST" means what the practice planned).
   */
  protected readonly organisation = computed<Organisation>(() => ({
    name: this.review()?.organisationName ?? '',
    timeZone: this.review()?.organisationTimeZone || this.browserOrganisation.timeZone,
    locale: this.browserOrganisation.locale,
  }));
  protected readonly zone = computed(() => describeTimeZone(this.organisation()));
  protected readonly heading = computed(() => {
    const post = this.review()?.post;
    if (!post) return 'Review a post';
    return post.kind === 'health_alert'
      ? `Review this ${URGENCY_LABELS[post.urgency ?? 'routine'].toLowerCase()} health alert`
      : 'Review a post';
  });
  protected readonly findingRows = computed(() =>
    (this.review()?.post.findings ?? []).map((finding) => ({ finding, override: null })),
  );

  constructor() {
    effect(() => {
      const token = this.token();
      untracked(() => void this.load(token));
    });
  }

  async load(token: string): Promise<void> {
    this.review.set(null);
    this.problem.set(null);
    try {
      this.review.set(await firstValueFrom(this.api.outsideReview(token)));
    } catch (error: unknown) {
      this.problem.set(linkProblemOf(error));
    }
  }

  protected async decide(decision: ApprovalDecision): Promise<void> {
    const comment = this.form.controls.comment;
    if (decision === 'changes_requested' && !comment.value.trim()) {
      comment.setErrors({ ...(comment.errors ?? {}), required: true });
    }
    markSubmitted(this.form);
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.result.set(
        await firstValueFrom(
          this.api.decideOutside(this.token(), { decision, comment: comment.value.trim() || null }),
        ),
      );
    } catch (error: unknown) {
      const status = errorStatus(error);
      if (status === 410 || status === 409 || status === 404) this.problem.set(linkProblemOf(error));
      else this.error.set(applyServerErrors(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation());
  }
}
