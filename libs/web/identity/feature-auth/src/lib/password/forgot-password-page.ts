import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { AuthService } from '@carecast/web/core';
import { fieldError, readyToSubmit, runSubmission, type Submission } from '@carecast/web/shared/util';
import { Autofocus, FormError, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

export const RESET_SENT =
  'If that address has an account, we sent it a link to choose a new password. The link works once, for a short time.';

/** Asks for a password-reset link. The answer is the same whether the address has an account or not. */
@Component({
  selector: 'cc-forgot-password-page',
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
        <h1 class="page__title">Forgot password</h1>
        <p class="page__lead">We will email you a link to choose a new one.</p>
        <div aria-live="polite">
          @if (sent()) {
            <cc-notice class="auth__notice" tone="success">
              <p>{{ sentText }}</p>
              <p>No email after a few minutes? Check your spam folder, or ask your Carecast administrator.</p>
            </cc-notice>
          }
        </div>
        @if (!sent()) {
          <form class="auth__form" (submit)="$event.preventDefault(); send()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>Email</mat-label>
              <input
                matInput
                ccAutofocus
                [formControl]="emailField"
                type="email"
                name="email"
                autocomplete="username"
                inputmode="email"
                required
              />
              <mat-error>{{ fieldError(emailField, 'email address') }}</mat-error>
            </mat-form-field>
            <cc-form-error [message]="error()" />
            <div class="auth__actions">
              <button mat-flat-button type="submit" [disabled]="busy()">Send the link</button>
              <a routerLink="/sign-in">Back to sign in</a>
            </div>
          </form>
        } @else {
          <div class="auth__actions">
            <a mat-stroked-button routerLink="/sign-in">Back to sign in</a>
          </div>
        }
      </mat-card>
    </div>
  `,
})
export class ForgotPasswordPage implements OnInit, Submission {
  private readonly api = inject(AuthService);

  /** Prefilled from the sign-in page (`?email=`). */
  readonly email = input<string | undefined>();

  protected readonly emailField = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.email],
  });
  protected readonly sent = signal(false);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  protected readonly sentText = RESET_SENT;
  protected readonly fieldError = fieldError;

  ngOnInit(): void {
    const given = this.email();
    if (given) this.emailField.setValue(given);
  }

  protected async send(): Promise<void> {
    if (!readyToSubmit(this.emailField, this)) return;
    await runSubmission(this, async () => {
      await firstValueFrom(this.api.requestPasswordReset(this.emailField.value.trim()));
      this.sent.set(true);
    });
  }
}
