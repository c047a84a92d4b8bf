import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../../shared/empty-state/empty-state';

@Component({
  selector: 'cc-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Inbox</h1>
        <p class="page__lead">Comments, replies and mentions of your practice, most urgent first.</p>
      </header>
      <cc-empty-state
        icon="inbox"
        heading="No mentions need you"
        text="Patient comments and mentions from your connected channels appear here with a reply deadline, urgent ones first. Connect a channel to start watching for them."
      >
        <a mat-stroked-button routerLink="/channels">Go to channels</a>
      </cc-empty-state>
    </div>
  `,
})
export class InboxPage {}
