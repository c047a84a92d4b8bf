import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ICON_PATHS, IconName } from './icon-paths';

/** A decorative inline SVG icon; give the surrounding control its own text or aria-label. */
@Component({
  selector: 'cc-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'cc-icon', 'aria-hidden': 'true' },
  template: `<svg viewBox="0 0 24 24" width="24" height="24" focusable="false">
    <path [attr.d]="path()" fill="currentColor" />
  </svg>`,
  styles: `
    :host {
      display: inline-flex;
      inline-size: var(--cc-icon-size, 24px);
      block-size: var(--cc-icon-size, 24px);
      flex: none;
    }
    svg {
      inline-size: 100%;
      block-size: 100%;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
