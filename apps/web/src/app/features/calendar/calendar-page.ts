import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ORGANISATION } from '../../core/organisation';
import { describeTimeZone } from '../../core/time-format';
import { EmptyState } from '../../shared/empty-state/empty-state';

@Component({
  selector: 'cc-calendar-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Calendar</h1>
        <p class="page__lead">{{ month }} · times in {{ timeZone }}</p>
      </header>
      <cc-empty-state
        icon="calendar"
        heading="No posts scheduled yet"
        text="Drafts and scheduled posts appear here by day, in your organisation's time zone. Start by connecting the Facebook Pages, X account and blog you post to."
      >
        <a mat-flat-button routerLink="/channels">Connect channels</a>
      </cc-empty-state>
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
}
