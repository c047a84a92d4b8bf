import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon } from '../icon/icon';
import { IconName } from '../icon/icon-paths';

/**
 * What a page shows while it has nothing to list: what will appear here and what to do first.
 * Project a call to action (a link or button) as content.
 */
@Component({
  selector: 'cc-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <section class="empty" [attr.aria-labelledby]="headingId">
      <cc-icon class="empty__icon" [name]="icon()" />
      <h2 class="empty__heading" [id]="headingId">{{ heading() }}</h2>
      <p class="empty__text">{{ text() }}</p>
      <div class="empty__actions"><ng-content /></div>
    </section>
  `,
  styles: `
    .empty {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 12px;
      padding: 40px 24px;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
    }
    .empty__icon {
      --cc-icon-size: 40px;
      color: var(--mat-sys-primary);
    }
    .empty__heading {
      margin: 0;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
    }
    .empty__text {
      margin: 0;
      max-inline-size: 56ch;
      font: var(--mat-sys-body-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty__actions:empty {
      display: none;
    }
    .empty__actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 8px;
      margin-block-start: 4px;
    }
  `,
})
export class EmptyState {
  private static nextId = 0;

  readonly heading = input.required<string>();
  readonly text = input.required<string>();
  readonly icon = input<IconName>('calendar');

  protected readonly headingId = `cc-empty-state-${EmptyState.nextId++}`;
}
