import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Finding, FindingOverride } from '@carecast/shared/contracts';
import { Icon } from '@carecast/web/ui';
import { fieldLabel, type ChannelNames } from './field-label';

export interface FindingRow {
  finding: Finding;
  /** The override in force that lets it pass, if any. */
  override: FindingOverride | null;
}

/**
 * The findings of the compliance checks: what is wrong, where (the words found), how to fix it,
 * blocking ones first; an overridden one shows the reviewer's reason. A reviewer who may override
 * gets a button per open blocking finding.
 */
@Component({
  selector: 'cc-review-findings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon],
  template: `
    @if (rows().length === 0) {
      <p class="none"><cc-icon name="up" class="none__icon" /> The checks found nothing to fix.</p>
    } @else {
      <ul class="findings">
        @for (row of sorted(); track $index) {
          <li
            class="finding"
            [class.finding--block]="row.finding.severity === 'block' && !row.override"
            [class.finding--passed]="!!row.override"
          >
            <p class="finding__head">
              <span class="finding__severity">{{ severity(row) }}</span>
              <span class="finding__where">{{ where(row.finding) }}</span>
            </p>
            <p class="finding__message">{{ row.finding.message }}</p>
            @if (row.finding.excerpt) {
              <p class="finding__excerpt">
                Words found: <mark>{{ row.finding.excerpt }}</mark>
              </p>
            }
            @if (row.finding.suggestion) {
              <p class="finding__suggestion">How to fix it: {{ row.finding.suggestion }}</p>
            }
            @if (row.override; as o) {
              <p class="finding__override">Overridden by {{ o.reviewer.name }}: “{{ o.reason }}”</p>
            } @else if (canOverride() && row.finding.severity === 'block') {
              <button
                mat-stroked-button
                type="button"
                class="finding__action"
                (click)="overrideRequested.emit(row.finding)"
              >
                Override this finding…
              </button>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .none {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
    }
    .none__icon {
      color: var(--cc-on-success-container);
    }
    .findings {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .finding {
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid var(--mat-sys-outline-variant);
      border-inline-start: 4px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container-low);
    }
    .finding--block {
      border-inline-start-color: var(--mat-sys-error);
    }
    .finding--passed {
      border-inline-start-color: var(--mat-sys-outline);
    }
    .finding p {
      margin: 0;
    }
    .finding p + p {
      margin-block-start: 4px;
    }
    .finding__head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font: var(--mat-sys-label-large);
    }
    .finding--block .finding__severity {
      color: var(--mat-sys-error);
    }
    .finding__where {
      color: var(--mat-sys-on-surface-variant);
    }
    .finding__excerpt mark {
      padding: 0 2px;
      border-radius: 3px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      overflow-wrap: anywhere;
    }
    .finding__suggestion,
    .finding__override {
      color: var(--mat-sys-on-surface-variant);
    }
    .finding__action {
      margin-block-start: 8px;
    }
  `,
})
export class FindingsList {
  readonly rows = input.required<readonly FindingRow[]>();
  readonly variants = input<readonly ChannelNames[]>([]);
  /** Show "Override this finding…" on open blocking findings. */
  readonly canOverride = input(false);
  readonly overrideRequested = output<Finding>();

  /** Open blocking findings first, then warnings, then those overridden. */
  protected readonly sorted = computed(() => {
    const rank = (r: FindingRow) => (r.override ? 2 : r.finding.severity === 'block' ? 0 : 1);
    return [...this.rows()].sort((a, b) => rank(a) - rank(b));
  });

  protected severity(row: FindingRow): string {
    if (row.override) return 'Overridden';
    return row.finding.severity === 'block' ? 'Blocks approval' : 'Warning';
  }

  protected where(finding: Finding): string {
    return fieldLabel(finding.field, this.variants());
  }
}
