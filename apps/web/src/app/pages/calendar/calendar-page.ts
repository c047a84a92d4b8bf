import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { calendarEmptyState, injectChannelEmptyState } from '@carecast/web/channels/data-access';
import { ORGANISATION } from '@carecast/web/core';
import { describeTimeZone } from '@carecast/web/shared/util';
import { EmptyState } from '@carecast/web/ui';

@Component({
  selector: 'cc-calendar-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Calendar</h1>
        <p class="page__lead">{{ month }} · times in {{ timeZone }}</p>
      </header>
      @if (empty(); as copy) {
        <cc-empty-state icon="calendar" [heading]="copy.heading" [text]="copy.text">
          @for (action of copy.actions; track action.label; let first = $first) {
            <a
              [matButton]="first ? 'filled' : 'outlined'"
              [routerLink]="action.link"
              [queryParams]="action.queryParams"
              >{{ action.label }}</a
            >
          }
        </cc-empty-state>
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the calendar" />
      }
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
