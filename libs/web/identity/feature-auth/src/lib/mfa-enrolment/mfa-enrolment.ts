import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Me, MfaSetup } from '@carecast/shared/contracts';
import { AuthService } from '@carecast/web/core';
import { readyToSubmit, runSubmission, type Submission, userMessage } from '@carecast/web/shared/util';
import { Autofocus, FormError, Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

/** "JBSW Y3DP EHPK 3PXP": a secret in groups of four, easier to type into an app. */
export function groupInFours(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

type Stage = 'loading' | 'failed' | 'scan' | 'codes';

/**
 * Turning on two-step sign-in: shows the secret (and the otpauth address) for an authenticator
 * app, checks one code from it, then shows the recovery codes once and asks the user to confirm
 * they saved them. Emits `completed` with the refreshed account (when the API sent it).
 */
@Component({
  selector: 'cc-mfa-enrolment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    Autofocus,
    FormError,
    Notice,
  ],
  template: `
    @switch (stage()) {
      @case ('loading') {
        <p role="status">Preparing a secret for your authenticator app…</p>
        <mat-progress-bar mode="indeterminate" aria-label="Preparing two-step sign-in" />
      }
      @case ('failed') {
        <cc-notice tone="error" role="alert"
          ><p>{{ error() }}</p></cc-notice
        >
        <div class="actions">
          @if (cancellable()) {
            <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
          }
          <button mat-flat-button type="button" (click)="start()">Try again</button>
        </div>
      }
      @case ('scan') {
        <ol class="steps">
          <li>
            Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator
            or 1Password) and add an account by typing this key:
            <div class="secret" aria-label="Secret key">{{ groupedSecret() }}</div>
            <details class="uri">
              <summary>Or use the setup address</summary>
              <p>Paste it into an app that accepts otpauth addresses, or open it on this phone:</p>
              <code class="uri__text">{{ setup()?.otpauthUrl }}</code>
              <a [href]="setup()?.otpauthUrl">Open in my authenticator app</a>
            </details>
          </li>
          <li>Enter the 6-digit code the app shows for Carecast.</li>
        </ol>
        <form class="code-form" (submit)="$event.preventDefault(); enable()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Authentication code</mat-label>
            <input
              matInput
              ccAutofocus
              [formControl]="code"
              name="code"
              autocomplete="one-time-code"
              inputmode="numeric"
              maxlength="7"
              required
            />
            <mat-hint>6 digits, from your app</mat-hint>
            @if (code.hasError('pattern') || code.hasError('required')) {
              <mat-error>Enter the 6 digits your app shows.</mat-error>
            }
          </mat-form-field>
          <cc-form-error [message]="error()" />
          <div class="actions">
            @if (cancellable()) {
              <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
            }
            <button mat-flat-button type="submit" [disabled]="busy()">Verify and turn on</button>
          </div>
        </form>
      }
      @case ('codes') {
        <cc-notice tone="success" role="status">
          <p><strong>Two-step sign-in is on.</strong></p>
        </cc-notice>
        <h3 class="codes__heading" ccAutofocus tabindex="-1">Save your recovery codes</h3>
        <p class="codes__text">
          If you lose your phone, each of these codes signs you in once instead of an app code. They are shown
          only now: print them or keep them in your password manager.
        </p>
        <ol class="codes" aria-label="Recovery codes">
          @for (c of recoveryCodes(); track c) {
            <li>
              <code>{{ c }}</code>
            </li>
          }
        </ol>
        <button mat-stroked-button type="button" (click)="copyCodes()">{{ copyLabel() }}</button>
        <mat-checkbox class="codes__confirm" [formControl]="saved">I have saved these codes</mat-checkbox>
        <div class="actions">
          <button mat-flat-button type="button" [disabled]="!savedValue()" (click)="finish()">
            Continue
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      margin: 0 0 16px;
      padding-inline-start: 20px;
      font: var(--mat-sys-body-medium);
      li + li {
        margin-block-start: 12px;
      }
    }
    .secret {
      margin-block: 8px;
      padding: 10px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      font:
        600 1.1rem/1.5 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
      letter-spacing: 0.04em;
      word-spacing: 0.3em;
      overflow-wrap: anywhere;
    }
    .uri summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
    }
    .uri p {
      margin: 8px 0 4px;
    }
    .uri__text {
      display: block;
      margin-block-end: 4px;
      font-size: 0.8rem;
      overflow-wrap: anywhere;
    }
    .code-form {
      display: flex;
      flex-direction: column;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-block-start: 12px;
    }
    .codes__heading {
      margin: 16px 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .codes__text {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 6px 16px;
      margin: 0 0 12px;
      padding-inline-start: 24px;
      font:
        1rem/1.5 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
    }
    .codes__confirm {
      display: block;
      margin-block-start: 8px;
    }
  `,
})
export class MfaEnrolment implements Submission {
  private readonly api = inject(AuthService);

  /** Whether a Cancel button is offered (not during a required enrolment at sign-in). */
  readonly cancellable = input(false);
  readonly completed = output<Me | null>();
  readonly cancelled = output<void>();

  protected readonly stage = signal<Stage>('loading');
  protected readonly setup = signal<MfaSetup | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly copyLabel = signal('Copy codes');
  private me: Me | null = null;

  protected readonly groupedSecret = computed(() => groupInFours(this.setup()?.secret ?? ''));
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });
  protected readonly saved = new FormControl(false, { nonNullable: true });
  protected readonly savedValue = signal(false);

  constructor() {
    this.saved.valueChanges.subscribe((value) => this.savedValue.set(value));
    void this.start();
  }

  protected async start(): Promise<void> {
    this.stage.set('loading');
    this.error.set(null);
    try {
      this.setup.set(await firstValueFrom(this.api.mfaSetup()));
      this.stage.set('scan');
    } catch (error: unknown) {
      this.error.set(`Could not start setting up two-step sign-in. ${userMessage(error)}`);
      this.stage.set('failed');
    }
  }

  protected async enable(): Promise<void> {
    if (!readyToSubmit(this.code, this)) return;
    await runSubmission(
      this,
      async () => {
        const result = await firstValueFrom(this.api.mfaEnable(this.code.value.replace(/\s+/g, '')));
        this.me = result.me ?? null;
        this.recoveryCodes.set(result.recoveryCodes);
        this.stage.set('codes');
      },
      (error) => {
        this.code.setValue('');
        return userMessage(error);
      },
    );
  }

  protected async copyCodes(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.recoveryCodes().join('\n'));
      this.copyLabel.set('Copied');
    } catch {
      this.copyLabel.set('Copy did not work: select the codes instead');
    }
  }

  protected finish(): void {
    this.completed.emit(this.me);
  }
}
