import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ORGANISATION } from '../../core/organisation';
import { describeTimeZone } from '../../core/time-format';
import { EmptyState } from '../../shared/empty-state/empty-state';

@Component({
  selector: 'cc-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Audit</h1>
        <p class="page__lead">Who did what, and when · times in {{ timeZone }}</p>
      </header>
      <cc-empty-state
        icon="audit"
        heading="No audit entries yet"
        text="Every approval, edit, published post and reply is recorded here with who did it and when, so you can answer an auditor's questions and export the record."
      />
    </div>
  `,
})
export class AuditPage {
  protected readonly timeZone = describeTimeZone(inject(ORGANISATION));
}
