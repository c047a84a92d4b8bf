import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { inboxEmptyState, injectChannelEmptyState } from '@carecast/web/channels/data-access';
import { EmptyState } from '@carecast/web/ui';

@Component({
  selector: 'cc-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Inbox</h1>
        <p class="page__lead">Comments, replies and mentions of your practice, most urgent first.</p>
      </header>
      @if (empty(); as copy) {
        <cc-empty-state icon="inbox" [heading]="copy.heading" [text]="copy.text">
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
        <mat-progress-bar mode="indeterminate" aria-label="Loading the inbox" />
      }
    </div>
  `,
})
export class InboxPage {
  /** What the empty inbox says: null while the channels are still being read. */
  protected readonly empty = injectChannelEmptyState(inboxEmptyState);
}
