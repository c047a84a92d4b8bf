import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthStore, PRODUCT_NAME } from '@carecast/web/core';
import { NotificationBell } from '@carecast/web/notifications/feature-bell';
import { Icon } from '@carecast/web/ui/icon';
import { filter, map, skip } from 'rxjs';
import { MainNav } from './layout/main-nav';
import { StatusIndicator } from './layout/status-indicator';
import { UserMenu } from './layout/user-menu';

/** Below this width the navigation moves into a menu. */
export const NARROW_LAYOUT_QUERY = '(max-width: 719.98px)';

@Component({
  selector: 'cc-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterOutlet,
    Icon,
    MainNav,
    NotificationBell,
    StatusIndicator,
    UserMenu,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly productName = PRODUCT_NAME;
  protected readonly auth = inject(AuthStore);
  protected readonly organisationName = computed(() => this.auth.organisation()?.name ?? '');
  /** Changes when the user switches organisation, so the routed page is built afresh for it. */
  protected readonly outletKeys = computed(() => [{ id: this.auth.switches() }]);

  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_LAYOUT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  private readonly router = inject(Router);
  protected readonly onSignIn = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => /^\/sign-in(?:[/?#]|$)/.test(this.router.url)),
    ),
    { initialValue: false },
  );

  private readonly menu = viewChild(MatSidenav);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // After each navigation (not the first page load), move focus to the page so keyboard and
    // screen-reader users start reading the new page rather than staying on the old link.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => this.focusMain());
  }

  protected focusMain(): void {
    this.main().nativeElement.focus({ preventScroll: true });
  }

  protected closeMenu(): void {
    void this.menu()?.close();
  }
}
