import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Me, SessionSummary } from '@carecast/shared/contracts';
import { AuthService, AuthStore, ORGANISATION } from '@carecast/web/core';
import { markSubmitted, userMessage } from '@carecast/web/shared/util';
import { Autofocus, Notice, NoticeTone, SessionList } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';
import { MfaEnrolment } from '../mfa-enrolment/mfa-enrolment';

/** The signed-in user's own security: two-step sign-in, and the sessions of their account. */
@Component({
  selector: 'cc-account-security-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    Autofocus,
    MfaEnrolment,
    Notice,
    SessionList,
  ],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Your account security</h1>
        <p class="page__lead">
          How you sign in to Carecast as {{ auth.user()?.email }}, and where you are signed in.
        </p>
      </header>

      <section class="block" aria-labelledby="mfa-heading">
        <h2 class="block__title" id="mfa-heading">Two-step sign-in</h2>
        <div aria-live="polite">
          @if (message(); as m) {
            <cc-notice class="block__notice" [tone]="m.tone"
              ><p>{{ m.text }}</p></cc-notice
            >
          }
        </div>
        @if (auth.user()?.mfaEnabled) {
          <p class="block__text">
            <strong>On.</strong> After your password, Carecast asks for a code from your authenticator app.
          </p>
          @if (disabling()) {
            <form class="disable" (submit)="$event.preventDefault(); disable()" novalidate>
              <mat-form-field appearance="outline">
                <mat-label>Authentication code</mat-label>
                <input
                  matInput
                  ccAutofocus
                  [formControl]="code"
                  name="code"
                  autocomplete="one-time-code"
                  required
                />
                <mat-hint>From your app, or a recovery code</mat-hint>
                <mat-error>Enter the code to confirm it is you.</mat-error>
              </mat-form-field>
              <div class="actions">
                <button mat-button type="button" (click)="disabling.set(false)">Keep it on</button>
                <button mat-flat-button type="submit" [disabled]="busy()">Turn off two-step sign-in</button>
              </div>
            </form>
          } @else {
            <button mat-stroked-button type="button" (click)="startDisabling()">Turn off…</button>
          }
        } @else if (enrolling()) {
          <cc-mfa-enrolment
            [cancellable]="true"
            (completed)="enrolled($event)"
            (cancelled)="enrolling.set(false)"
          />
        } @else {
          <p class="block__text">
            <strong>Off.</strong> Add a code from a phone app to your password, so a stolen password alone
            cannot open your account.
          </p>
          <button mat-flat-button type="button" (click)="startEnrolling()">Turn on two-step sign-in</button>
        }
      </section>

      <section class="block" aria-labelledby="sessions-heading">
        <h2 class="block__title" id="sessions-heading">Where you are signed in</h2>
        <p class="block__text">
          Sessions end after {{ auth.me()?.session?.idleTimeoutMinutes }} minutes without activity, and 12
          hours after signing in.
        </p>
        <div aria-live="polite">
          @if (sessionsError(); as e) {
            <cc-notice class="block__notice" tone="error"
              ><p>{{ e }}</p></cc-notice
            >
          }
        </div>
        @if (sessions(); as list) {
          <cc-session-list
            [sessions]="list"
            [organisation]="organisation"
            [canEnd]="true"
            [ending]="ending()"
            (end)="endSession($event)"
          />
        } @else if (!sessionsError()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading your sessions" />
        }
      </section>
    </div>
  `,
  styles: `
    .block {
      max-inline-size: 720px;
      margin-block-end: 32px;
    }
    .block__title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .block__text {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .block__notice {
      margin-block-end: 12px;
    }
    .disable {
      display: flex;
      flex-direction: column;
      max-inline-size: 360px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class AccountSecurityPage {
  protected readonly auth = inject(AuthStore);
  protected readonly organisation = inject(ORGANISATION);
  private readonly api = inject(AuthService);

  protected readonly enrolling = signal(false);
  protected readonly disabling = signal(false);
  protected readonly busy = signal(false);
  protected readonly message = signal<{ tone: NoticeTone; text: string } | null>(null);
  protected readonly sessions = signal<SessionSummary[] | null>(null);
  protected readonly sessionsError = signal<string | null>(null);
  protected readonly ending = signal<string | null>(null);
  protected readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });

  constructor() {
    void this.loadSessions();
  }

  protected startEnrolling(): void {
    this.message.set(null);
    this.enrolling.set(true);
  }

  protected startDisabling(): void {
    this.message.set(null);
    this.code.reset();
    this.disabling.set(true);
  }

  protected async enrolled(me: Me | null): Promise<void> {
    this.enrolling.set(false);
    if (me) this.auth.setMe(me);
    else await this.auth.refresh().catch(() => null);
    this.message.set({
      tone: 'success',
      text: 'Two-step sign-in is on. Keep your recovery codes somewhere safe.',
    });
  }

  protected async disable(): Promise<void> {
    markSubmitted(this.code);
    if (this.code.invalid || this.busy()) return;
    this.busy.set(true);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.mfaDisable(this.code.value.trim()));
      this.disabling.set(false);
      await this.auth.refresh().catch(() => null);
      this.message.set({
        tone: 'info',
        text: 'Two-step sign-in is off. Your password alone now signs you in.',
      });
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: userMessage(error) });
      this.code.setValue('');
    } finally {
      this.busy.set(false);
    }
  }

  protected async endSession(session: SessionSummary): Promise<void> {
    this.ending.set(session.id);
    this.sessionsError.set(null);
    try {
      await firstValueFrom(this.api.endSession(session.id));
      this.sessions.update((list) => list?.filter((s) => s.id !== session.id) ?? null);
    } catch (error: unknown) {
      this.sessionsError.set(`Could not sign that session out. ${userMessage(error)}`);
    } finally {
      this.ending.set(null);
    }
  }

  private async loadSessions(): Promise<void> {
    try {
      this.sessions.set(await firstValueFrom(this.api.sessions()));
    } catch (error: unknown) {
      this.sessionsError.set(`Could not load your sessions. ${userMessage(error)}`);
    }
  }
}
