import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { Me, SignInResult } from '@carecast/shared/contracts';
import { AuthService, AuthStore, isSignInReason, safeReturnUrl, SIGN_IN_REASONS } from '@carecast/web/core';
import {
  apiErrorCode,
  applyServerErrors,
  errorStatus,
  fieldError,
  readyToSubmit,
  runSubmission,
  type Submission,
  userMessage,
} from '@carecast/web/shared/util';
import { Autofocus, FormError, Notice, NoticeTone } from '@carecast/web/ui';
import { firstValueFrom, Observable } from 'rxjs';
import { MfaEnrolment } from '../mfa-enrolment/mfa-enrolment';

export type SignInStep = 'credentials' | 'code' | 'enrol';

export const INVALID_CREDENTIALS = 'The email or password is not right.';
const TOTP = /^\s*\d{3}\s?\d{3}\s*$/;

/**
 * Signing in: email and password, then (when the account has two-step sign-in) a code from the
 * authenticator app or a recovery code, or (when the organisation requires two-step sign-in and
 * the account has none yet) setting it up. Afterwards, back to where the user was going.
 */
@Component({
  selector: 'cc-sign-in-page',
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
    MfaEnrolment,
    Notice,
  ],
  templateUrl: './sign-in-page.html',
  styles: `
    .auth__restart {
      margin-block-start: 16px;
    }
    .auth__enrolment {
      margin-block-start: 16px;
    }
  `,
})
export class SignInPage implements Submission {
  private readonly api = inject(AuthService);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Where to go after signing in (`?returnUrl=`); only addresses inside the dashboard. */
  readonly returnUrl = input<string | undefined>();
  /** Why the page is shown (`?reason=`): a session that ended, or the user signing out. */
  readonly reason = input<string | undefined>();

  protected readonly step = linkedSignal<SignInStep>(() =>
    // A session the organisation now requires two-step sign-in for goes straight to setting it up.
    this.reason() === 'two-step-required' ? 'enrol' : 'credentials',
  );
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  protected readonly useRecoveryCode = signal(false);
  protected readonly fieldError = fieldError;

  protected readonly credentials = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly second = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(TOTP)],
    }),
  });

  private readonly email = toSignal(this.credentials.controls.email.valueChanges, { initialValue: '' });
  protected readonly forgotParams = computed(() => (this.email() ? { email: this.email() } : {}));

  protected readonly notice = computed<{ tone: NoticeTone; text: string; detail: string | null } | null>(
    () => {
      const reason = this.reason();
      if (!isSignInReason(reason)) return null;
      const { tone, text } = SIGN_IN_REASONS[reason];
      // The API's own words add something when the session ended for another reason than idling
      // (the 12-hour limit, access removed).
      const said = this.auth.endedMessage();
      const detail =
        reason !== 'you-signed-out' &&
        reason !== 'you-signed-out-everywhere' &&
        said &&
        !/without activity/i.test(said)
          ? said
          : null;
      return { tone, text, detail };
    },
  );

  protected async signIn(): Promise<void> {
    if (!readyToSubmit(this.credentials, this)) return;
    const { email, password } = this.credentials.getRawValue();
    await this.attempt(
      () => this.api.signIn(email.trim(), password),
      (error) => {
        this.selectField('password');
        if (apiErrorCode(error) === 'invalid_credentials') return userMessage(error) || INVALID_CREDENTIALS;
        return applyServerErrors(this.credentials, error);
      },
    );
  }

  protected async verify(): Promise<void> {
    if (!readyToSubmit(this.second, this)) return;
    const raw = this.second.controls.code.value.trim();
    const code = this.useRecoveryCode() ? raw.toLowerCase() : raw.replace(/\s+/g, '');
    await this.attempt(
      () => this.api.verifyMfa(code),
      (error) => {
        this.selectField('code');
        if (errorStatus(error) === 401 && apiErrorCode(error) !== 'invalid_code') {
          // The half-finished sign-in is gone (it took too long): start again.
          this.restart();
          return 'Signing in took too long. Enter your email and password again.';
        }
        return userMessage(error);
      },
    );
  }

  protected toggleRecoveryCode(): void {
    const recovery = !this.useRecoveryCode();
    this.useRecoveryCode.set(recovery);
    this.error.set(null);
    const code = this.second.controls.code;
    code.setValidators(recovery ? [Validators.required] : [Validators.required, Validators.pattern(TOTP)]);
    code.setValue('');
    code.markAsUntouched();
  }

  /** Back to the first step; `signOut` also ends the half-finished session on the server. */
  protected async restart(signOut = false): Promise<void> {
    if (signOut) await this.auth.signOut();
    this.step.set('credentials');
    this.useRecoveryCode.set(false);
    this.second.reset();
    this.credentials.controls.password.reset();
    this.error.set(null);
  }

  /** After a refusal: focus the field to retype, its text selected. */
  private selectField(name: 'password' | 'code'): void {
    setTimeout(() => {
      const input = this.host.nativeElement.querySelector<HTMLInputElement>(
        `input[formcontrolname="${name}"]`,
      );
      input?.focus();
      input?.select();
    });
  }

  protected async enrolled(me: Me | null): Promise<void> {
    await this.finish(me);
  }

  private async attempt(
    call: () => Observable<SignInResult>,
    explain: (error: unknown) => string,
  ): Promise<void> {
    await runSubmission(
      this,
      async () => {
        const result = await firstValueFrom(call());
        switch (result.status) {
          case 'signed_in':
            await this.finish(result.me ?? null);
            break;
          case 'mfa_required':
            this.step.set('code');
            break;
          case 'mfa_enrolment_required':
            this.step.set('enrol');
            break;
        }
      },
      explain,
    );
  }

  private async finish(me: Me | null): Promise<void> {
    if (me) {
      this.auth.setMe(me);
    } else {
      try {
        await this.auth.refresh();
      } catch (error: unknown) {
        this.error.set(userMessage(error));
        return;
      }
    }
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? '/calendar');
  }
}
