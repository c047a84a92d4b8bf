import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { REVIEW_LIMITS } from '@carecast/shared/contracts';
import { PostReviewStore } from '@carecast/web/review/data-access';
import { runSubmission, type Submission } from '@carecast/web/shared/util';
import { FormError } from '@carecast/web/ui';

/** Withdraw a post for good (kept with its history), with an optional reason. */
@Component({
  selector: 'cc-cancel-post-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    FormError,
  ],
  template: `
    <h2 mat-dialog-title>Cancel this post?</h2>
    <form (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>It will not be published. It stays in Carecast with its history, and cannot be submitted again.</p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="reason">
          <mat-label>Why (optional)</mat-label>
          <textarea matInput id="cancel-reason" rows="2" [formControl]="reason"></textarea>
        </mat-form-field>
        <cc-form-error [message]="submission.error()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Back</button>
        <button mat-flat-button type="submit" class="destructive" [disabled]="submission.busy()">
          Cancel post
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      inline-size: 100%;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class CancelPostDialog {
  protected readonly store = inject<PostReviewStore>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<CancelPostDialog, boolean>);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(REVIEW_LIMITS.reason)],
  });
  protected readonly submission: Submission = { busy: signal(false), error: signal<string | null>(null) };

  protected async confirm(): Promise<void> {
    if (this.submission.busy()) return;
    await runSubmission(this.submission, async () => {
      await this.store.cancel(this.reason.value || null);
      this.ref.close(true);
    });
  }
}
