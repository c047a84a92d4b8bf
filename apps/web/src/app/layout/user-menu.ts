import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type { OrganisationSummary, Role } from '@carecast/shared/contracts';
import { AuthStore, type SignInReason } from '@carecast/web/core';
import { userMessage } from '@carecast/web/shared/util';
import { Icon } from '@carecast/web/ui/icon';
import { navLinks } from '../route-table';
import { describeRoles } from './describe-roles';

const ACCOUNT_LINKS = navLinks('account');

/**
 * The signed-in user's menu in the toolbar: who they are, which organisation they work in (and a
 * switch to the others), their account security (and the organisation's, for administrators), and
 * signing out.
 */
@Component({
  selector: 'cc-user-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDividerModule, MatMenuModule, RouterLink, Icon],
  template: `
    @if (auth.me(); as me) {
      <!-- Named by what it shows (the person's name), then what it is: voice control users say what they see. -->
      <button mat-button type="button" class="account" [matMenuTriggerFor]="menu" [disabled]="busy()">
        <span class="account__avatar" aria-hidden="true">{{ initials() }}</span>
        <span class="account__name">{{ me.user.displayName }}</span>
        <span class="cc-visually-hidden">, account menu</span>
        <cc-icon class="account__chevron" name="expand" />
      </button>

      <mat-menu #menu="matMenu" xPosition="before" class="cc-account-menu">
        <div class="who">
          <span class="who__name">{{ me.user.displayName }}</span>
          <span class="who__email">{{ me.user.email }}</span>
          <span class="who__org"> {{ me.organisation.name }} · {{ roles(me.organisation.roles) }} </span>
        </div>
        <mat-divider />
        @if (me.organisations.length > 1) {
          <p class="menu-label" id="cc-org-switch-label">Switch organisation</p>
          <div role="group" aria-labelledby="cc-org-switch-label">
            @for (org of me.organisations; track org.id) {
              <button
                mat-menu-item
                role="menuitemradio"
                [attr.aria-checked]="org.id === me.organisation.id"
                [attr.aria-label]="org.name"
                [attr.aria-describedby]="'cc-org-roles-' + org.id"
                (click)="switchTo(org)"
              >
                <cc-icon matMenuItemIcon [name]="org.id === me.organisation.id ? 'check' : 'organisation'" />
                <span class="org-item">
                  <span>{{ org.name }}</span>
                  <span class="org-item__roles" [id]="'cc-org-roles-' + org.id">{{ roles(org.roles) }}</span>
                </span>
              </button>
            }
          </div>
          <mat-divider />
        }
        @for (link of links(); track link.path) {
          <a mat-menu-item [routerLink]="link.path">
            <cc-icon matMenuItemIcon [name]="link.icon" />
            <span>{{ link.label }}</span>
          </a>
        }
        <mat-divider />
        <button mat-menu-item type="button" (click)="signOut(false)">
          <cc-icon matMenuItemIcon name="signOut" />
          <span>Sign out</span>
        </button>
        <button mat-menu-item type="button" (click)="signOut(true)">
          <cc-icon matMenuItemIcon name="signOut" />
          <span>Sign out everywhere</span>
        </button>
      </mat-menu>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .account {
      --cc-icon-size: 20px;
      gap: 8px;
      min-inline-size: 48px;
      padding-inline: 6px 8px;
    }
    .account__avatar {
      display: inline-grid;
      place-items: center;
      inline-size: 32px;
      block-size: 32px;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-label-large);
      font-weight: 600;
      /* The button's label wraps its content, so the button's gap does not reach it. */
      margin-inline-end: 8px;
    }
    .account__name {
      max-inline-size: 16ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--mat-sys-on-surface);
    }
    .who {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 12px 16px;
      max-inline-size: 280px;
    }
    .who__name {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    .who__email,
    .who__org {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    /* Material spaces its own mat-icon from the label; the same room for ours. */
    [matMenuItemIcon] {
      --cc-icon-size: 24px;
      margin-inline-end: 16px;
    }
    .menu-label {
      margin: 8px 16px 0;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .org-item {
      display: flex;
      flex-direction: column;
      line-height: 1.25;
    }
    .org-item__roles {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 719.98px) {
      .account__chevron {
        display: none;
      }
      /* Only the initials show on a phone; the name still names the button. */
      .account__name {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .account {
        padding-inline: 4px;
      }
      .account__avatar {
        margin-inline-end: 0;
      }
    }
  `,
})
export class UserMenu {
  protected readonly auth = inject(AuthStore);
  /** The pages of the user menu (its "account" group) the user's role allows. */
  protected readonly links = computed(() =>
    ACCOUNT_LINKS.filter((link) => !link.permission || this.auth.can(link.permission)),
  );
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly busy = signal(false);

  protected readonly initials = computed(() => {
    const name = this.auth.user()?.displayName ?? '';
    const words = name.trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : name.slice(0, 2);
    return letters.toUpperCase() || '?';
  });

  protected roles(roles: readonly Role[]): string {
    return describeRoles(roles);
  }

  protected async switchTo(org: OrganisationSummary): Promise<void> {
    if (org.id === this.auth.organisation()?.id || this.busy()) return;
    this.busy.set(true);
    try {
      await this.auth.switchOrganisation(org.id);
      // Run the current page again (its guards too: the new role may not allow it).
      await this.router.navigateByUrl(this.location.path() || '/calendar', { onSameUrlNavigation: 'reload' });
      this.snackBar.open(`You are now working in ${org.name}.`, undefined, { duration: 4000 });
    } catch (error: unknown) {
      this.snackBar.open(`Could not switch to ${org.name}. ${userMessage(error)}`, 'Close', {
        duration: 8000,
      });
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(everywhere: boolean): Promise<void> {
    this.busy.set(true);
    await this.auth.signOut(everywhere);
    this.busy.set(false);
    const reason: SignInReason = everywhere ? 'you-signed-out-everywhere' : 'you-signed-out';
    await this.router.navigate(['/sign-in'], { queryParams: { reason } });
  }
}
