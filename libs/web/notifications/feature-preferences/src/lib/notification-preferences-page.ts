import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  NOTIFICATION_DEFAULTS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { NotificationsStore } from '@carecast/web/notifications/data-access';
import { Notice, type NoticeTone } from '@carecast/web/ui';

type ChannelsForm = FormGroup<{ inApp: FormControl<boolean>; email: FormControl<boolean> }>;

const channels = (kind: NotificationKind): ChannelsForm =>
  new FormGroup({
    inApp: new FormControl(NOTIFICATION_DEFAULTS[kind].inApp, { nonNullable: true }),
    email: new FormControl(NOTIFICATION_DEFAULTS[kind].email, { nonNullable: true }),
  });

/** How the signed-in person wants to hear of each kind of thing: in Carecast, by email, both or neither. */
@Component({
  selector: 'cc-notification-preferences-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatProgressBarModule, Notice],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Notification settings</h1>
        <p class="page__lead">
          What Carecast tells you about in {{ organisationName() }}: in Carecast (the bell at the top of every
          page) and by email.
        </p>
      </header>

      @switch (store.preferences().state) {
        @case ('failed') {
          <cc-notice tone="error" role="alert"
            ><p>Could not load your notification settings. {{ loadError() }}</p></cc-notice
          >
          <button class="retry" mat-stroked-button type="button" (click)="store.loadPreferences()">
            Try again
          </button>
        }
        @case ('ready') {
          <form class="prefs" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <table class="prefs__table">
              <caption class="cc-visually-hidden">
                How you hear of each kind of notification
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="prefs__what">Tell me when</th>
                  <th scope="col">In Carecast</th>
                  <th scope="col">By email</th>
                </tr>
              </thead>
              <tbody>
                @for (kind of kinds; track kind) {
                  <tr [formGroup]="form.controls[kind]">
                    <th scope="row" class="prefs__what">{{ labels[kind] }}</th>
                    <td>
                      <mat-checkbox formControlName="inApp" [aria-label]="labels[kind] + ': in Carecast'" />
                    </td>
                    <td>
                      <mat-checkbox formControlName="email" [aria-label]="labels[kind] + ': by email'" />
                    </td>
                  </tr>
                }
              </tbody>
            </table>
            <p class="prefs__hint">
              Emails only say what happened and link to it here, so no post's text (nor any patient detail in
              it) ever ends up in an inbox.
            </p>
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
        @default {
          <mat-progress-bar mode="indeterminate" aria-label="Loading your notification settings" />
        }
      }
    </div>
  `,
  styles: `
    .prefs {
      max-inline-size: 720px;
    }
    .prefs__table {
      inline-size: 100%;
      border-collapse: collapse;
    }
    .prefs__table th,
    .prefs__table td {
      padding: 4px 8px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
      text-align: center;
      font: var(--mat-sys-body-medium);
    }
    .prefs__table thead th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .prefs__table .prefs__what {
      text-align: start;
      inline-size: 100%;
      font-weight: normal;
    }
    .prefs__table thead .prefs__what {
      font: var(--mat-sys-label-large);
    }
    .prefs__hint {
      margin: 12px 0 16px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .retry {
      display: flex;
      margin-block: 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    @media (max-width: 599px) {
      .prefs__table th,
      .prefs__table td {
        padding-inline: 4px;
      }
      .prefs__table thead th {
        white-space: normal;
      }
    }
  `,
})
export class NotificationPreferencesPage {
  protected readonly store = inject(NotificationsStore);
  private readonly auth = inject(AuthStore);

  protected readonly kinds = NOTIFICATION_KINDS;
  protected readonly labels = NOTIFICATION_KIND_LABELS;
  protected readonly organisationName = computed(() => this.auth.organisation()?.name ?? 'your organisation');
  protected readonly form = new FormGroup(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channels(kind)])) as Record<
      NotificationKind,
      ChannelsForm
    >,
  );
  protected readonly saving = signal(false);
  protected readonly result = signal<{ tone: NoticeTone; text: string } | null>(null);
  protected readonly loadError = computed(() => {
    const state = this.store.preferences();
    return state.state === 'failed' ? state.message : '';
  });

  constructor() {
    this.store.loadPreferences();
    // The form shows what is stored (after loading, and after saving).
    effect(() => {
      const state = this.store.preferences();
      if (state.state !== 'ready') return;
      for (const p of state.preferences)
        this.form.controls[p.kind]?.reset({ inApp: p.inApp, email: p.email });
    });
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    this.result.set(null);
    const value = this.form.getRawValue();
    const failed = await this.store.savePreferences(
      NOTIFICATION_KINDS.map((kind) => ({ kind, ...value[kind] })),
    );
    this.saving.set(false);
    this.result.set(
      failed ? { tone: 'error', text: failed } : { tone: 'success', text: 'Notification settings saved.' },
    );
  }
}
