import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { SecuritySettings } from '@carecast/shared/contracts';
import { AuthStore, DraftHandle, DraftKeeper } from '@carecast/web/core';
import { SecuritySettingsService } from '@carecast/web/identity/data-access';
import { applyServerErrors, fieldError, markSubmitted, userMessage } from '@carecast/web/shared/util';
import { Notice, NoticeTone } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

export const SECURITY_DRAFT = 'security-settings';
export const TIMEOUT_MIN = 1;
export const TIMEOUT_MAX = 720;

const minutes = (initial: number) =>
  new FormControl(initial, {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.min(TIMEOUT_MIN),
      Validators.max(TIMEOUT_MAX),
      Validators.pattern(/^\d+$/),
    ],
  });

/** The organisation's sign-in rules: two-step sign-in for everyone, and idle timeouts. */
@Component({
  selector: 'cc-security-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    Notice,
  ],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Organisation security</h1>
        <p class="page__lead">
          How everyone in {{ organisationName() }} signs in, and when idle sessions end.
        </p>
      </header>

      @if (loadError(); as error) {
        <cc-notice tone="error" role="alert"
          ><p>Could not load the settings. {{ error }}</p></cc-notice
        >
        <button class="retry" mat-stroked-button type="button" (click)="load()">Try again</button>
      } @else if (!loaded()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the settings" />
      } @else {
        @if (draft()?.restored()) {
          <cc-notice class="restored" tone="info" role="status">
            <p>
              These are the changes you had not saved yet. Save them, or discard them to see the current
              settings.
            </p>
            <p><button mat-button type="button" (click)="discardDraft()">Discard my changes</button></p>
          </cc-notice>
        }
        <form class="settings" [formGroup]="form" (ngSubmit)="save()" novalidate>
          <section class="setting" aria-labelledby="mfa-setting">
            <h2 class="setting__title" id="mfa-setting">Two-step sign-in</h2>
            <mat-slide-toggle formControlName="mfaRequired">
              <span class="setting__toggle-label">Require two-step sign-in for everyone</span>
            </mat-slide-toggle>
            <p class="setting__hint">
              Everyone then confirms each sign-in with a code from a phone app. People who have not set one up
              are asked to when they next sign in.
            </p>
          </section>

          <section class="setting" aria-labelledby="idle-setting">
            <h2 class="setting__title" id="idle-setting">Sign out after inactivity</h2>
            <p class="setting__hint">
              A session with no activity for this long ends, and its user signs in again. HIPAA practice: 15
              minutes for those who approve or administer, 30 for everyone else.
            </p>
            <div class="setting__fields">
              <mat-form-field appearance="outline">
                <mat-label>Administrators and reviewers</mat-label>
                <input
                  matInput
                  type="number"
                  inputmode="numeric"
                  formControlName="idleTimeoutPrivilegedMinutes"
                  [min]="min"
                  [max]="max"
                  required
                />
                <span matTextSuffix>minutes</span>
                <mat-hint>From {{ min }} to {{ max }}; 15 recommended</mat-hint>
                <mat-error>{{
                  fieldError(form.controls.idleTimeoutPrivilegedMinutes, 'number of minutes')
                }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Everyone else</mat-label>
                <input
                  matInput
                  type="number"
                  inputmode="numeric"
                  formControlName="idleTimeoutStandardMinutes"
                  [min]="min"
                  [max]="max"
                  required
                />
                <span matTextSuffix>minutes</span>
                <mat-hint>From {{ min }} to {{ max }}; 30 recommended</mat-hint>
                <mat-error>{{
                  fieldError(form.controls.idleTimeoutStandardMinutes, 'number of minutes')
                }}</mat-error>
              </mat-form-field>
            </div>
          </section>

          <div class="form-error" aria-live="assertive">
            @if (result(); as r) {
              <cc-notice [tone]="r.tone"
                ><p>{{ r.text }}</p></cc-notice
              >
            }
          </div>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving()">Save settings</button>
          </div>
        </form>
      }
    </div>
  `,
  styles: `
    .settings {
      max-inline-size: 720px;
    }
    .setting {
      margin-block-end: 24px;
    }
    .setting__title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .setting__toggle-label {
      padding-inline-start: 8px;
    }
    .setting__hint {
      margin: 8px 0 12px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .setting__fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr));
      gap: 4px 16px;
    }
    .restored,
    .retry {
      display: flex;
      margin-block-end: 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
})
export class SecuritySettingsPage {
  private readonly api = inject(SecuritySettingsService);
  private readonly auth = inject(AuthStore);
  private readonly drafts = inject(DraftKeeper);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly min = TIMEOUT_MIN;
  protected readonly max = TIMEOUT_MAX;
  protected readonly fieldError = fieldError;
  protected readonly organisationName = computed(() => this.auth.organisation()?.name ?? 'your organisation');

  protected readonly form = new FormGroup({
    mfaRequired: new FormControl(false, { nonNullable: true }),
    idleTimeoutPrivilegedMinutes: minutes(15),
    idleTimeoutStandardMinutes: minutes(30),
  });
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly result = signal<{ tone: NoticeTone; text: string } | null>(null);
  protected readonly draft = signal<DraftHandle | null>(null);
  private saved: SecuritySettings | null = null;

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const settings = await firstValueFrom(this.api.get());
      this.saved = settings;
      this.form.reset(settings);
      this.loaded.set(true);
      // After the server's values, so a kept draft wins over them.
      if (!this.draft()) {
        this.draft.set(this.drafts.keep(this.form, SECURITY_DRAFT, { destroyRef: this.destroyRef }));
      }
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    }
  }

  protected discardDraft(): void {
    this.draft()?.clear();
    if (this.saved) this.form.reset(this.saved);
  }

  protected async save(): Promise<void> {
    markSubmitted(this.form);
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.result.set(null);
    const value = this.form.getRawValue();
    try {
      const saved = await firstValueFrom(
        this.api.save({
          mfaRequired: value.mfaRequired,
          idleTimeoutPrivilegedMinutes: Number(value.idleTimeoutPrivilegedMinutes),
          idleTimeoutStandardMinutes: Number(value.idleTimeoutStandardMinutes),
        }),
      );
      this.saved = saved;
      this.draft()?.clear();
      this.form.reset(saved);
      this.result.set({ tone: 'success', text: 'Settings saved. They apply to every sign-in from now on.' });
    } catch (error: unknown) {
      this.result.set({ tone: 'error', text: applyServerErrors(this.form, error) });
    } finally {
      this.saving.set(false);
    }
  }
}
