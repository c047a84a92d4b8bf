import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Finding } from '@carecast/shared/contracts';
import { Icon } from '@carecast/web/ui';

/** A finding as the list shows it: where it is, in the composer's words, and whether a reviewer let it pass. */
export interface ShownFinding {
  finding: Finding;
  /** Where it is, e.g. "Text", "X account text", "Image 2". */
  place: string;
  /** A reviewer let it pass (with a reason): it no longer stops the post. */
  overridden: boolean;
  /** Found by the server at the last save (links), not by the checks as you type. */
  fromServer: boolean;
}

/**
 * What the checks found, blocking ones first: each says what is wrong, where, and how to fix it,
 * with a button that puts the cursor on the words. "Must fix" and "Check" are written out, not
 * shown by colour alone.
 */
@Component({
  selector: 'cc-findings-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon],
  template: `
    <section class="findings" aria-labelledby="findings-heading">
      <h2 class="findings__heading" id="findings-heading">Checks</h2>
      <p class="findings__summary" role="status" aria-live="polite">
        @if (findings().length === 0) {
          <cc-icon name="check" class="findings__ok" /> Nothing found. The checks run again as you type.
        } @else {
          {{ summary() }}
        }
      </p>
      @if (findings().length) {
        <ul class="findings__list">
          @for (item of sorted(); track $index) {
            <li
              class="finding"
              [class.finding--block]="item.finding.severity === 'block' && !item.overridden"
              [class.finding--warn]="item.finding.severity === 'warn' || item.overridden"
            >
              <p class="finding__head">
                <cc-icon
                  class="finding__icon"
                  [name]="item.finding.severity === 'block' && !item.overridden ? 'down' : 'warning'"
                />
                <span class="finding__severity">{{ severityLabel(item) }}</span>
                <span class="finding__place">{{ item.place }}</span>
              </p>
              <p class="finding__message">{{ item.finding.message }}</p>
              @if (item.finding.excerpt) {
                <p class="finding__excerpt">
                  Found: <q>{{ item.finding.excerpt }}</q>
                </p>
              }
              @if (item.finding.suggestion) {
                <p class="finding__suggestion">How to fix: {{ item.finding.suggestion }}</p>
              }
              @if (item.fromServer) {
                <p class="finding__source">Checked by Carecast when the post was last saved.</p>
              }
              @if (item.finding.span || canShow()(item.finding)) {
                <button mat-button type="button" class="finding__show" (click)="show.emit(item.finding)">
                  Show in the text
                </button>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .findings__heading {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .findings__summary {
      display: flex;
      gap: 6px;
      align-items: center;
      margin: 0 0 8px;
      font: var(--mat-sys-body-medium);
    }
    .findings__ok {
      --cc-icon-size: 18px;
      color: var(--mat-sys-primary);
    }
    .findings__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .finding {
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      border: 1px solid var(--mat-sys-outline-variant);
      border-inline-start-width: 6px;
      background: var(--mat-sys-surface-container-low);
    }
    .finding--block {
      border-inline-start-color: var(--mat-sys-error);
      border-inline-start-style: solid;
    }
    .finding--warn {
      border-inline-start-color: #8a5a00;
      border-inline-start-style: dotted;
    }
    .finding p {
      margin: 0 0 4px;
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .finding__head {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .finding__icon {
      --cc-icon-size: 18px;
    }
    .finding--block .finding__icon,
    .finding--block .finding__severity {
      color: var(--mat-sys-error);
    }
    .finding--warn .finding__icon,
    .finding--warn .finding__severity {
      color: #7a4f00;
    }
    .finding__severity {
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      font-size: 0.8rem;
    }
    .finding__place {
      color: var(--mat-sys-on-surface-variant);
    }
    .finding__suggestion,
    .finding__source {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class FindingsList {
  readonly findings = input.required<readonly ShownFinding[]>();
  /** Whether a finding without a span can still be shown (a missing alt text: its field). */
  readonly canShow = input<(finding: Finding) => boolean>(() => false);
  readonly show = output<Finding>();

  protected readonly sorted = computed(() => [...this.findings()].sort((a, b) => rank(a) - rank(b)));

  protected readonly summary = computed(() => {
    const blocking = this.findings().filter((f) => f.finding.severity === 'block' && !f.overridden).length;
    const other = this.findings().length - blocking;
    const parts = [
      blocking ? `${blocking} must be fixed before review` : null,
      other ? `${other} to check` : null,
    ].filter(Boolean);
    return `${parts.join(' · ')}.`;
  });

  protected severityLabel(item: ShownFinding): string {
    if (item.overridden) return 'Let pass by a reviewer';
    return item.finding.severity === 'block' ? 'Must fix' : 'Check';
  }
}

function rank(item: ShownFinding): number {
  return item.finding.severity === 'block' && !item.overridden ? 0 : 1;
}
