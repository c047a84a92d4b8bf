import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { calendarEmptyState, injectChannelEmptyState } from '@carecast/web/channels/data-access';
import { ORGANISATION } from '@carecast/web/core';
import { describeTimeZone } from '@carecast/web/shared/util';
import { ChannelEmptyState } from '../channel-empty-state';

@Component({
  selector: 'cc-calendar-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelEmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Calendar</h1>
        <p class="page__lead">{{ month }} · times in {{ timeZone }}</p>
      </header>
      <cc-channel-empty-state icon="calendar" loadingLabel="Loading the calendar" [copy]="empty()" />
    </div>
  `,
})
export class CalendarPage {
  private readonly organisation = inject(ORGANISATION);

  protected readonly timeZone = describeTimeZone(this.organisation);
  protected readonly month = new Intl.DateTimeFormat(this.organisation.locale, {
    timeZone: this.organisation.timeZone,
    month: 'long',
    year: 'numeric',
  }).format(new Date());
  /** What the empty calendar says: null while the channels are still being read. */
  protected readonly empty = injectChannelEmptyState(calendarEmptyState);
}
