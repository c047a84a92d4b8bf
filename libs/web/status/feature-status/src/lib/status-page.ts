import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ORGANISATION } from '@carecast/web/core';
import { describeTimeZone, formatAge, formatClockTime } from '@carecast/web/shared/util';
import { STATUS_POLL_INTERVAL_MS, SystemStatusStore } from '@carecast/web/status/data-access';
import { Icon } from '@carecast/web/ui';

/** The full system-status panel: one card per dependency, live while the page is open. */
@Component({
  selector: 'cc-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, Icon],
  templateUrl: './status-page.html',
  styleUrl: './status-page.scss',
})
export class StatusPage {
  protected readonly store = inject(SystemStatusStore);
  private readonly organisation = inject(ORGANISATION);

  protected readonly pollSeconds = Math.round(inject(STATUS_POLL_INTERVAL_MS) / 1000);
  protected readonly timeZone = describeTimeZone(this.organisation);

  protected readonly checkedAt = computed(() => {
    const status = this.store.status();
    return status ? formatClockTime(status.checkedAt, this.organisation) : '';
  });

  protected readonly heartbeatError = computed(() => {
    const heartbeat = this.store.heartbeat();
    return heartbeat.kind === 'failed' ? heartbeat.message : '';
  });

  protected readonly heartbeatAnsweredAt = computed(() => {
    const heartbeat = this.store.heartbeat();
    return heartbeat.kind === 'answered' ? formatClockTime(heartbeat.at, this.organisation) : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(this.store.watch());
  }

  protected latency(ms: number | undefined): string {
    return ms === undefined || ms === null ? 'No answer' : `${Math.round(ms)} ms`;
  }

  protected heartbeatAge(seconds: number | null): string {
    return seconds === null ? 'No heartbeat yet' : formatAge(seconds);
  }
}
