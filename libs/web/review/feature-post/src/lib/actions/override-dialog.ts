import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { REVIEW_LIMITS, type Finding } from '@carecast/shared/contracts';
import { PostReviewStore } from '@carecast/web/review/data-access';
import { readyToSubmit, runSubmission, type Submission } from '@carecast/web/shared/util';
import { FormError } from '@carecast/web/ui';

export interface OverrideDialogData {
  finding: Finding;
  where: string;
  store: PostReviewStore;
}

/** Let a blocking finding pass, with the reason (required; kept with the approval record). */
@Component({
  selector: 'cc-override-dialog',
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
    <h2 mat-dialog-title>Override this finding</h2>
    <form (ngSubmit)="save()">
      <mat-dialog-content>
        <p class="finding">
          {{ data.finding.message }} ({{ data.where }}
          @if (data.finding.excerpt) {
            : “{{ data.finding.excerpt }}”
          }
          )
        </p>
        <p>
          The post may then be submitted and approved with these words in it. Your name and reason are kept
          with the approval record and in the audit log. An edit that changes these words ends the override.
        </p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="reason">
          <mat-label>Why it may pass</mat-label>
          <textarea matInput id="override-reason" rows="3" [formControl]="reason" cdkFocusInitial></textarea>
          @if (reason.hasError('required')) {
            <mat-error>Give the reason: it is kept with the approval record.</mat-error>
          } @else if (reason.hasError('maxlength')) {
            <mat-error>At most {{ maxLength }} characters.</mat-error>
          }
        </mat-form-field>
        <cc-form-error [message]="submission.error()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">Override</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .finding {
      font: var(--mat-sys-label-large);
    }
    .reason {
      inline-size: 100%;
    }
  `,
})
export class OverrideDialog {
  protected readonly data = inject<OverrideDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<OverrideDialog, boolean>);
  protected readonly maxLength = REVIEW_LIMITS.reason;
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(REVIEW_LIMITS.reason), Validators.pattern(/\S/)],
  });
  protected readonly submission: Submission = { busy: signal(false), error: signal<string | null>(null) };

  protected async save(): Promise<void> {
    if (!readyToSubmit(this.reason, this.submission)) return;
    await runSubmission(this.submission, async () => {
      await this.data.store.override(this.data.finding, this.reason.value);
      this.ref.close(true);
    });
  }
}
