import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Finding } from '@carecast/shared/contracts';
import { highlightSegments } from './highlight';

/**
 * A text with the words the findings of its field point at marked where they stand (blocking
 * findings more strongly), each mark followed by its explanation for screen readers.
 */
@Component({
  selector: 'cc-marked-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One line: the text keeps its own spaces and line breaks (white-space: pre-wrap).
  template: `@for (s of segments(); track $index) {
    @if (s.findings.length) {
      <mark class="mark" [class.mark--block]="s.blocking" [attr.title]="s.findings.join(' ')">{{
        s.text
      }}</mark><span class="cc-visually-hidden"> (flagged: {{ s.findings.join(' ') }})</span>
    } @else {
      <ng-container>{{ s.text }}</ng-container>
    }
  }`,
  styles: `
    :host {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .mark {
      padding: 0 2px;
      border-radius: 3px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      text-decoration: underline dotted;
    }
    .mark--block {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      text-decoration: underline wavy;
      text-decoration-thickness: 1px;
    }
  `,
})
export class MarkedText {
  readonly text = input.required<string>();
  readonly findings = input<readonly Finding[]>([]);
  /** The field the text is, as findings name it (`base.text`, `spanish.text`...). */
  readonly field = input.required<string>();

  protected readonly segments = computed(() => highlightSegments(this.text(), this.findings(), this.field()));
}
