import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { OverallState, SystemStatusStore } from '@carecast/web/status/data-access';
import { Icon, IconName } from '@carecast/web/ui/icon';

const ICONS: Record<OverallState, IconName> = {
  checking: 'pending',
  up: 'up',
  down: 'down',
  unreachable: 'offline',
};

/** Compact, always-visible system status for the toolbar; links to the full panel. */
@Component({
  selector: 'cc-status-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, Icon],
  template: `
    <a class="indicator" [class]="'indicator--' + store.overall()" routerLink="/status">
      <cc-icon [name]="icon()" />
      <span class="indicator__text"
        ><span class="cc-visually-hidden">System status: </span>{{ store.summary() }}</span
      >
    </a>
  `,
  styleUrl: './status-indicator.scss',
})
export class StatusIndicator {
  protected readonly store = inject(SystemStatusStore);
  protected readonly icon = computed(() => ICONS[this.store.overall()]);

  constructor() {
    inject(DestroyRef).onDestroy(this.store.watch());
  }
}
