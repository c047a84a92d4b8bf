import { ChangeDetectionStrategy, Component } from '@angular/core';
import { inboxEmptyState, injectChannelEmptyState } from '@carecast/web/channels/data-access';
import { ChannelEmptyState } from '../channel-empty-state';

@Component({
  selector: 'cc-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelEmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Inbox</h1>
        <p class="page__lead">Comments, replies and mentions of your practice, most urgent first.</p>
      </header>
      <cc-channel-empty-state icon="inbox" loadingLabel="Loading the inbox" [copy]="empty()" />
    </div>
  `,
})
export class InboxPage {
  /** What the empty inbox says: null while the channels are still being read. */
  protected readonly empty = injectChannelEmptyState(inboxEmptyState);
}
