import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@carecast/web/core';
import { EmptyState } from '@carecast/web/ui';
import { describeRoles } from '../../layout/describe-roles';

/** Shown (at the page's own address) when the user's role does not allow the page. */
@Component({
  selector: 'cc-no-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">No access</h1>
      </header>
      <cc-empty-state icon="lock" heading="You do not have access to this page" [text]="explanation()">
        <a mat-flat-button routerLink="/calendar">Go to the calendar</a>
      </cc-empty-state>
    </div>
  `,
})
export class NoAccessPage {
  private readonly auth = inject(AuthStore);

  protected readonly explanation = computed(() => {
    const me = this.auth.me();
    if (!me) return 'Sign in with an account that may open it.';
    const roles = describeRoles(me.roles) || 'no role';
    return `Your role in ${me.organisation.name} (${roles}) does not include this page. If you need it, ask an administrator of ${me.organisation.name} to change your role.`;
  });
}
