import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthStore } from '@carecast/web/core';
import { Icon } from '@carecast/web/ui/icon';
import { navLinks } from '../route-table';

const LINKS = navLinks('main');

/**
 * The main navigation: a horizontal bar of tabs on wide screens, a vertical list in the phone menu.
 * The current section is marked with aria-current="page"; sections the user's role does not
 * allow are left out.
 */
@Component({
  selector: 'cc-main-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, Icon],
  host: { '[class]': "'main-nav main-nav--' + layout()" },
  template: `
    <nav aria-label="Main">
      <ul class="main-nav__list">
        @for (link of links(); track link.path) {
          <li>
            <a
              class="main-nav__link"
              [routerLink]="link.path"
              routerLinkActive="main-nav__link--active"
              ariaCurrentWhenActive="page"
              (click)="navigated.emit()"
            >
              <cc-icon [name]="link.icon" />
              <span>{{ link.label }}</span>
            </a>
          </li>
        }
      </ul>
    </nav>
  `,
  styleUrl: './main-nav.scss',
})
export class MainNav {
  /** `bar`: horizontal tabs under the toolbar; `list`: stacked, for the phone menu. */
  readonly layout = input<'bar' | 'list'>('bar');
  /** Emits when a link is followed, so a surrounding menu can close. */
  readonly navigated = output<void>();

  private readonly auth = inject(AuthStore);
  protected readonly links = computed(() =>
    LINKS.filter((link) => !link.permission || this.auth.can(link.permission)),
  );
}
