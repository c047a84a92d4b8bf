import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Notice } from '../notice/notice';

/**
 * The room for a form's error under its fields: an assertive live region that is always there (so
 * the message is announced when it appears) and shows the message, with any projected extras, in
 * an error notice.
 */
@Component({
  selector: 'cc-form-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Notice],
  host: { class: 'form-error', 'aria-live': 'assertive' },
  template: `
    @if (message(); as text) {
      <cc-notice tone="error">
        <p>{{ text }}</p>
        <ng-content />
      </cc-notice>
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class FormError {
  readonly message = input<string | null>(null);
}
