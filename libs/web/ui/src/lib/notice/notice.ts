import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Icon } from '../icon/icon';
import { IconName } from '../icon/icon-paths';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

const ICONS: Record<NoticeTone, IconName> = {
  info: 'info',
  success: 'up',
  warning: 'warning',
  error: 'down',
};

/**
 * A short message box with an icon in the colour of its tone. Give the host `role="status"` or
 * `role="alert"` when it appears in answer to something, so it is announced.
 */
@Component({
  selector: 'cc-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  host: { '[class]': "'notice notice--' + tone()" },
  template: `
    <cc-icon class="notice__icon" [name]="icon()" />
    <div class="notice__body"><ng-content /></div>
  `,
  styles: `
    :host {
      --cc-icon-size: 22px;
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid transparent;
      font: var(--mat-sys-body-medium);
    }
    .notice__body {
      flex: 1 1 auto;
      min-inline-size: 0;
      overflow-wrap: anywhere;
    }
    .notice__body ::ng-deep p {
      margin: 0;
    }
    .notice__body ::ng-deep p + p {
      margin-block-start: 4px;
    }
    :host(.notice--info) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.notice--success) {
      background: var(--cc-success-container);
      color: var(--cc-on-success-container);
      border-color: color-mix(in srgb, var(--cc-on-success-container) 35%, transparent);
    }
    :host(.notice--warning) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.notice--error) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-color: var(--mat-sys-error);
    }
  `,
})
export class Notice {
  readonly tone = input<NoticeTone>('info');
  protected readonly icon = computed(() => ICONS[this.tone()]);
}
