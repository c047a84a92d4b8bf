import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  CONTENT_SETTINGS_LIMITS,
  type ContentSettings,
  type UpdateContentSettingsRequest,
} from '@carecast/shared/contracts';
import { PostsService } from '@carecast/web/content/data-access';
import { AuthStore, DraftHandle, DraftKeeper, ORGANISATION } from '@carecast/web/core';
import {
  applyServerErrors,
  fieldError,
  formatDateTime,
  markSubmitted,
  userMessage,
} from '@carecast/web/shared/util';
import { Notice, NoticeTone } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

export const CONTENT_SETTINGS_DRAFT = 'content-settings';

type ContactName = 'phones' | 'emails' | 'addresses' | 'websites';

/** One entry per line; blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const lines = () => new FormControl('', { nonNullable: true });
const approvals = () =>
  new FormControl(1, {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.min(CONTENT_SETTINGS_LIMITS.minApprovals),
      Validators.max(CONTENT_SETTINGS_LIMITS.maxApprovals),
    ],
  });

/** How posts of the organisation are reviewed, and the practice's own details the privacy check allows. */
@Component({
  selector: 'cc-content-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    Notice,
  ],
  templateUrl: './content-settings-page.html',
  styles: `
    .settings {
      max-inline-size: 760px;
    }
    .setting {
      margin-block-end: 28px;
    }
    .setting__title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .setting__hint {
      margin: 8px 0 12px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .setting__toggle-label {
      padding-inline-start: 8px;
    }
    .setting__fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr));
      gap: 4px 16px;
    }
    .setting__toggles {
      display: grid;
      gap: 12px;
    }
    .restored,
    .retry,
    .allowed {
      display: flex;
      margin-block-end: 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .updated {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ContentSettingsPage {
  private readonly api = inject(PostsService);
  private readonly auth = inject(AuthStore);
  private readonly org = inject(ORGANISATION);
  private readonly drafts = inject(DraftKeeper);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly approvalChoices = [1, 2, 3];
  protected readonly organisationName = computed(() => this.auth.organisation()?.name ?? 'your organisation');
  /** Shaped like the api's request, so a refusal naming `contact.emails` lands on that field. */
  protected readonly form = new FormGroup({
    requiredApprovals: new FormGroup({ post: approvals(), health_alert: approvals() }),
    allowEmergencyFastPath: new FormControl(false, { nonNullable: true }),
    requireSpanishForAlerts: new FormControl(false, { nonNullable: true }),
    contact: new FormGroup({ phones: lines(), emails: lines(), addresses: lines(), websites: lines() }),
    staffNames: lines(),
  });
  protected readonly contact = this.form.controls.contact.controls;
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly result = signal<{ tone: NoticeTone; text: string } | null>(null);
  protected readonly draft = signal<DraftHandle | null>(null);
  protected readonly updated = signal<string | null>(null);
  private saved: ContentSettings | null = null;

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const settings = await firstValueFrom(this.api.contentSettings());
      this.show(settings);
      this.loaded.set(true);
      if (!this.draft()) {
        this.draft.set(this.drafts.keep(this.form, CONTENT_SETTINGS_DRAFT, { destroyRef: this.destroyRef }));
      }
    } catch (error: unknown) {
      this.loadError.set(userMessage(error));
    }
  }

  private show(settings: ContentSettings): void {
    this.saved = settings;
    this.form.reset({
      requiredApprovals: {
        post: settings.requiredApprovals.post,
        health_alert: settings.requiredApprovals.health_alert,
      },
      allowEmergencyFastPath: settings.allowEmergencyFastPath,
      requireSpanishForAlerts: settings.requireSpanishForAlerts,
      contact: {
        phones: settings.contact.phones.join('\n'),
        emails: settings.contact.emails.join('\n'),
        addresses: settings.contact.addresses.join('\n'),
        websites: settings.contact.websites.join('\n'),
      },
      staffNames: settings.staffNames.join('\n'),
    });
    this.updated.set(
      settings.updatedAt
        ? `Last changed ${formatDateTime(settings.updatedAt, this.org)}${settings.updatedBy ? ` by ${settings.updatedBy.name}` : ''}.`
        : null,
    );
  }

  protected discardDraft(): void {
    this.draft()?.clear();
    if (this.saved) this.show(this.saved);
  }

  protected count(name: ContactName | 'staffNames'): number {
    const control = name === 'staffNames' ? this.form.controls.staffNames : this.contact[name];
    return linesOf(control.value).length;
  }

  /** What the api (or the form) refused in a field, in words. */
  protected errorOf(path: string, label: string): string {
    return fieldError(this.form.get(path), label);
  }

  protected async save(): Promise<void> {
    markSubmitted(this.form);
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.result.set(null);
    const v = this.form.getRawValue();
    const request: UpdateContentSettingsRequest = {
      requiredApprovals: {
        post: Number(v.requiredApprovals.post),
        health_alert: Number(v.requiredApprovals.health_alert),
      },
      allowEmergencyFastPath: v.allowEmergencyFastPath,
      requireSpanishForAlerts: v.requireSpanishForAlerts,
      contact: {
        phones: linesOf(v.contact.phones),
        emails: linesOf(v.contact.emails),
        addresses: linesOf(v.contact.addresses),
        websites: linesOf(v.contact.websites),
      },
      staffNames: linesOf(v.staffNames),
    };
    try {
      const saved = await firstValueFrom(this.api.saveContentSettings(request));
      this.draft()?.clear();
      this.show(saved);
      this.result.set({
        tone: 'success',
        text: 'Settings saved. They apply to every post checked from now on.',
      });
    } catch (error: unknown) {
      this.result.set({ tone: 'error', text: applyServerErrors(this.form, error) });
    } finally {
      this.saving.set(false);
    }
  }
}
