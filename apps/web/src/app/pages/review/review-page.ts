import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '@carecast/web/ui';

@Component({
  selector: 'cc-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Review</h1>
        <p class="page__lead">Posts waiting for approval before they go public, oldest first.</p>
      </header>
      <cc-empty-state
        icon="review"
        heading="Nothing waiting for review"
        text="When someone submits a post for approval it appears here, with any compliance findings already highlighted, so you can approve it or send it back with a note."
      >
        <a mat-stroked-button routerLink="/calendar">Open the calendar</a>
      </cc-empty-state>
    </div>
  `,
})
export class ReviewPage {}
