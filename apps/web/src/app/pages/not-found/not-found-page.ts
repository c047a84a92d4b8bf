import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { EmptyState } from '@carecast/web/ui';

@Component({
  selector: 'cc-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Page not found</h1>
      </header>
      <cc-empty-state
        icon="search"
        heading="There is no page at this address"
        [text]="
          'Nothing lives at ' +
          path +
          '. Check the address for a typing mistake, or start again from the calendar.'
        "
      >
        <a mat-flat-button routerLink="/calendar">Go to the calendar</a>
      </cc-empty-state>
    </div>
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
