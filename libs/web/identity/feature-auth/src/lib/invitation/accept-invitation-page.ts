import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { AuthService, AuthStore, type InvitationInfo } from '@carecast/web/core';
import {
  applyServerErrors,
  errorStatus,
  fieldError,
  readyToSubmit,
  runSubmission,
  type Submission,
  userMessage,
} from '@carecast/web/shared/util';
import { Autofocus, FormError, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '../password/reset-password-page';

type State = 'loading' | 'invalid' | 'failed' | 'ready' | 'mfa';

/** Joining an organisation with the emailed invitation link (`/accept-invitation?token=…`). */
@Component({
  selector: 'cc-accept-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    Autofocus,
    FormError,
    Notice,
  ],
  template: `
    <div class="page auth">
      <mat-card appearance="outlined" class="auth__card">
        <h1 class="page__title">Accept invitation</h1>
        @switch (state()) {
          @case ('loading') {
            <p class="page__lead" role="status">Checking your invitation…</p>
            <mat-progress-bar mode="indeterminate" aria-label="Checking the invitation" />
          }
          @case ('invalid') {
            <cc-notice class="auth__notice" tone="error" role="alert">
              <p>
                This invitation was already used or has expired. Ask the person who invited you to send a new
                one.
              </p>
            </cc-notice>
            <div class="auth__actions"><a mat-stroked-button routerLink="/sign-in">Go to sign in</a></div>
          }
          @case ('failed') {
            <cc-notice class="auth__notice" tone="error" role="alert"
              ><p>{{ error() }}</p></cc-notice
            >
            <div class="auth__actions">
              <button mat-stroked-button type="button" (click)="load()">Try again</button>
            </div>
          }
          @case ('mfa') {
            <cc-notice class="auth__notice" tone="info" role="status">
              <p>You joined {{ info()?.organisationName }}. Finish signing in to continue.</p>
            </cc-notice>
            <div class="auth__actions"><a mat-flat-button routerLink="/sign-in">Sign in</a></div>
          }
          @case ('ready') {
            <p class="page__lead">
              You are invited to join <strong>{{ info()?.organisationName }}</strong> on Carecast as
              {{ info()?.email }}.
            </p>
            <form class="auth__form" [formGroup]="form" (ngSubmit)="accept()" novalidate>
              @if (newAccount()) {
                <mat-form-field appearance="outline">
                  <mat-label>Your name</mat-label>
                  <input matInput ccAutofocus formControlName="displayName" autocomplete="name" required />
                  <mat-hint>As your colleagues know you, e.g. Dana Whitfield</mat-hint>
                  <mat-error>{{ fieldError(form.controls.displayName, 'name') }}</mat-error>
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>Choose a password</mat-label>
                  <input
                    matInput
                    formControlName="password"
                    type="password"
                    autocomplete="new-password"
                    required
                  />
                  <mat-hint>{{ passwordHint }}</mat-hint>
                  <mat-error>{{ fieldError(form.controls.password, 'password') }}</mat-error>
                </mat-form-field>
              } @else {
                <p>You already have a Carecast account: enter its password to accept.</p>
                <mat-form-field appearance="outline">
                  <mat-label>Password</mat-label>
                  <input
                    matInput
                    ccAutofocus
                    formControlName="password"
                    type="password"
                    autocomplete="current-password"
                    required
                  />
                  <mat-error>{{ fieldError(form.controls.password, 'password') }}</mat-error>
                </mat-form-field>
              }
              <cc-form-error [message]="error()" />
              <div class="auth__actions">
                <button mat-flat-button type="submit" [disabled]="busy()">
                  Join {{ info()?.organisationName }}
                </button>
              </div>
            </form>
          }
        }
      </mat-card>
    </div>
  `,
})
export class AcceptInvitationPage implements OnInit, Submission {
  private readonly api = inject(AuthService);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  readonly token = input<string | undefined>();

  protected readonly state = signal<State>('loading');
  protected readonly info = signal<InvitationInfo | null>(null);
  protected readonly newAccount = signal(true);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  protected readonly passwordHint = PASSWORD_HINT;
  protected readonly fieldError = fieldError;

  protected readonly form = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
  });

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    const token = this.token();
    if (!token) {
      this.state.set('invalid');
      return;
    }
    this.state.set('loading');
    try {
      const info = await firstValueFrom(this.api.invitation(token));
      this.info.set(info);
      const isNew = info.needsPassword !== false;
      this.newAccount.set(isNew);
      if (!isNew) {
        this.form.controls.displayName.disable();
        this.form.controls.password.setValidators([Validators.required]);
      }
      this.state.set('ready');
    } catch (error: unknown) {
      if (errorStatus(error) === 404) {
        this.state.set('invalid');
      } else {
        this.error.set(userMessage(error));
        this.state.set('failed');
      }
    }
  }

  protected async accept(): Promise<void> {
    const token = this.token();
    if (!readyToSubmit(this.form, this) || !token) return;
    const { displayName, password } = this.form.getRawValue();
    await runSubmission(
      this,
      async () => {
        const result = await firstValueFrom(
          this.api.acceptInvitation(token, this.newAccount() ? displayName.trim() : '', password),
        );
        if (result.status === 'signed_in') {
          if (result.me) this.auth.setMe(result.me);
          else await this.auth.refresh();
          await this.router.navigateByUrl('/calendar');
        } else {
          this.state.set('mfa');
        }
      },
      (error) => {
        if (errorStatus(error) !== 404) return applyServerErrors(this.form, error);
        this.state.set('invalid');
        return null;
      },
    );
  }
}
