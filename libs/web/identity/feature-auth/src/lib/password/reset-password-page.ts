import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { AuthService, AuthStore } from '@carecast/web/core';
import {
  applyServerErrors,
  errorStatus,
  fieldError,
  readyToSubmit,
  runSubmission,
  type Submission,
} from '@carecast/web/shared/util';
import { Autofocus, FormError, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_HINT = 'At least 12 characters. A few unrelated words make a strong one.';

/** Choosing a new password with the emailed link (`/reset-password?token=…`). */
@Component({
  selector: 'cc-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    Autofocus,
    FormError,
    Notice,
  ],
  template: `
    <div class="page auth">
      <mat-card appearance="outlined" class="auth__card">
        <h1 class="page__title">Choose a new password</h1>
        @if (!token()) {
          <cc-notice class="auth__notice" tone="error" role="alert">
            <p>
              This address has no reset link in it. Open the link from the email again, or ask for a new one.
            </p>
          </cc-notice>
          <div class="auth__actions">
            <a mat-stroked-button routerLink="/forgot-password">Ask for a new link</a>
          </div>
        } @else if (done()) {
          <cc-notice class="auth__notice" tone="success" role="status">
            <p>Your password is changed, and every session of your account has ended. Sign in with it now.</p>
          </cc-notice>
          <div class="auth__actions">
            <a mat-flat-button routerLink="/sign-in">Sign in</a>
          </div>
        } @else {
          <p class="page__lead">Signing in again ends every other session of your account.</p>
          <form class="auth__form" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>New password</mat-label>
              <input
                matInput
                ccAutofocus
                formControlName="password"
                type="password"
                autocomplete="new-password"
                required
              />
              <mat-hint>{{ hint }}</mat-hint>
              <mat-error>{{ fieldError(form.controls.password, 'new password') }}</mat-error>
            </mat-form-field>
            <cc-form-error [message]="error()">
              @if (expired()) {
                <p><a routerLink="/forgot-password">Ask for a new link</a></p>
              }
            </cc-form-error>
            <div class="auth__actions">
              <button mat-flat-button type="submit" [disabled]="busy()">Save the new password</button>
            </div>
          </form>
        }
      </mat-card>
    </div>
  `,
})
export class ResetPasswordPage implements Submission {
  private readonly api = inject(AuthService);
  private readonly auth = inject(AuthStore);

  readonly token = input<string | undefined>();

  protected readonly hint = PASSWORD_HINT;
  protected readonly fieldError = fieldError;
  readonly busy = signal(false);
  protected readonly done = signal(false);
  readonly error = signal<string | null>(null);
  protected readonly expired = signal(false);
  protected readonly form = new FormGroup({
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
  });

  protected async save(): Promise<void> {
    const token = this.token();
    if (!readyToSubmit(this.form, this) || !token) return;
    this.expired.set(false);
    await runSubmission(
      this,
      async () => {
        await firstValueFrom(this.api.completePasswordReset(token, this.form.controls.password.value));
        this.auth.clear();
        this.done.set(true);
      },
      (error) => {
        if (errorStatus(error) !== 404) return applyServerErrors(this.form, error);
        this.expired.set(true);
        return 'This link was already used or is too old.';
      },
    );
  }
}
