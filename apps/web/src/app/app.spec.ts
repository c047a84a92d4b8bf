import { Location } from '@angular/common';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { Me, Role } from '@carecast/shared/contracts';
import { CHANNELS_URL } from '@carecast/web/channels/data-access';
import { aMe, RIVERSIDE } from '@carecast/web/core/testing';
import { SYSTEM_STATUS_URL } from '@carecast/web/status/data-access';
import { aSystemStatus } from '@carecast/web/status/data-access/testing';
import { App } from './app';
import { appConfig } from './app.config';

const LAKESIDE = {
  id: '22222222-2222-4222-8222-222222222222',
  slug: 'lakeside',
  name: 'Lakeside Pediatrics',
  timeZone: 'America/Chicago',
};

describe('App shell', () => {
  let fixture: ComponentFixture<App>;
  let http: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const tick = () => new Promise((resolve) => setTimeout(resolve));

  /** Navigates, answering the start-up "who am I" check with `me` when it is asked. */
  async function go(url: string, me?: Me): Promise<void> {
    const navigation = router.navigateByUrl(url);
    await tick();
    if (me) http.match('/api/auth/me').forEach((req) => req.flush(me));
    await navigation;
    await fixture.whenStable();
  }

  async function start(): Promise<void> {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(App);
    el = fixture.nativeElement;
    await fixture.whenStable();
  }

  /** Starts signed in (the browser holds the session cookies) with these roles. */
  async function startSignedIn(roles: Role[] = ['admin'], url = '/calendar', me = aMe(roles)): Promise<void> {
    document.cookie = 'cc_csrf=csrf-token-1; path=/';
    await start();
    await go(url, me);
  }

  afterEach(() => {
    fixture.destroy();
    http.match(SYSTEM_STATUS_URL);
    http.match(CHANNELS_URL); // the Calendar and Inbox read the channels for their empty states
    http.match((r) => r.url.startsWith('/api/review-queue')); // the Review page lists its queue
    http.verify();
    jest.restoreAllMocks();
    document.cookie = 'cc_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  describe('signed out', () => {
    beforeEach(() => start());

    it('sends every dashboard page to sign-in, remembering where it was going', async () => {
      await go('/audit');
      http.expectNone('/api/auth/me'); // no session cookie: nothing to ask
      expect(router.url).toBe('/sign-in?returnUrl=%2Faudit');
      expect(TestBed.inject(Title).getTitle()).toBe('Sign in · Carecast');
      expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual(['Sign in']);
    });

    it('shows neither the navigation nor the status, and does not poll the status', async () => {
      await go('/');
      await tick();
      expect(el.querySelector('nav[aria-label="Main"]')).toBeNull();
      expect(el.querySelector('cc-status-indicator')).toBeNull();
      expect(el.querySelector('cc-user-menu button.account')).toBeNull();
      http.expectNone(SYSTEM_STATUS_URL);
      expect(text(el.querySelector('footer'))).toBe('Carecast');
    });

    it('explains an unknown address and offers a way back', async () => {
      await go('/no-such-page');
      expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Carecast');
      expect(text(el.querySelector('main'))).toContain('Nothing lives at /no-such-page.');
      expect(text(el.querySelector('a.sign-in'))).toBe('Sign in');
    });
  });

  describe('signed in', () => {
    it('has the banner, main navigation, main content and footer landmarks', async () => {
      await startSignedIn();
      expect(el.querySelector('header mat-toolbar')).not.toBeNull();
      expect(el.querySelector('nav[aria-label="Main"]')).not.toBeNull();
      expect(el.querySelectorAll('main')).toHaveLength(1);
      expect(el.querySelector('main')?.id).toBe('main');
      expect(el.querySelector('footer')).not.toBeNull();
    });

    it("names the user's organisation (from the API) and offers the account menu instead of Sign in", async () => {
      await startSignedIn();
      const toolbar = el.querySelector('mat-toolbar');
      expect(text(toolbar?.querySelector('.brand') ?? null)).toBe('Carecast');
      expect(text(toolbar?.querySelector('.org') ?? null)).toBe('Riverside Family Medicine');
      // Named by what it shows first (axe label-content-name-mismatch): the person's name.
      const account = toolbar?.querySelector('cc-user-menu button.account');
      expect(account?.hasAttribute('aria-label')).toBe(false);
      expect(text(account?.querySelector('.account__name'))).toBe('Avery Morgan');
      expect(text(account)).toBe('AMAvery Morgan, account menu');
      expect(account?.querySelector('.account__avatar')?.getAttribute('aria-hidden')).toBe('true');
      expect(toolbar?.querySelector('a[href="/sign-in"]')).toBeNull();
      expect(text(el.querySelector('footer'))).toContain('Carecast for Riverside Family Medicine');
    });

    it('shows the live system status in the toolbar, linking to the full panel', async () => {
      await startSignedIn();
      const indicator = el.querySelector('cc-status-indicator a');
      expect(indicator?.getAttribute('href')).toBe('/status');
      await tick();
      const req = http.expectOne(SYSTEM_STATUS_URL);
      expect(req.request.headers.get('X-Carecast-Background')).toBe('1');
      req.flush(aSystemStatus());
      await fixture.whenStable();
      expect(text(indicator)).toBe('System status: All systems up');
    });

    it('opens the calendar at the root address and titles the page', async () => {
      await startSignedIn(['admin'], '/');
      expect(router.url).toBe('/calendar');
      expect(TestBed.inject(Title).getTitle()).toBe('Calendar · Carecast');
      expect(text(el.querySelector('main h1'))).toBe('Calendar');
    });

    it.each([
      ['/posts', 'Posts · Carecast', 'Posts'],
      ['/settings/content', 'Content settings · Carecast', 'Content settings'],
      ['/review', 'Review · Carecast', 'Review'],
      ['/inbox', 'Inbox · Carecast', 'Inbox'],
      ['/channels', 'Channels · Carecast', 'Channels'],
      ['/audit', 'Audit · Carecast', 'Audit'],
      ['/settings/users', 'Users · Carecast', 'Users'],
      ['/settings/security', 'Organisation security · Carecast', 'Organisation security'],
      ['/account/security', 'Your account security · Carecast', 'Your account security'],
    ])('loads %s lazily with its own title', async (url, title, h1) => {
      await startSignedIn(['admin'], url);
      expect(TestBed.inject(Title).getTitle()).toBe(title);
      expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual([h1]);
      http.match(() => true).forEach((req) => req.flush(null));
    });

    it('tells a user whose role does not allow a page, at its own address', async () => {
      await startSignedIn(['marketer'], '/audit');
      expect(el.querySelector('nav a[href="/audit"]')).toBeNull();
      expect(text(el.querySelector('main h1'))).toBe('No access');
      expect(text(el.querySelector('main'))).toContain('You do not have access to this page');
      expect(text(el.querySelector('main'))).toContain('Your role in Riverside Family Medicine (Marketing)');
      expect(TestBed.inject(Location).path()).toBe('/audit');
      http.expectNone((r) => r.url.startsWith('/api/audit'));
    });

    it('sends to sign-in with the reason when the session expired before the page loaded', async () => {
      document.cookie = 'cc_csrf=csrf-token-1; path=/';
      await start();
      const navigation = router.navigateByUrl('/inbox');
      await tick();
      http
        .expectOne('/api/auth/me')
        .flush(
          { statusCode: 401, error: 'session_expired', message: 'Your session ended.', requestId: 'r' },
          { status: 401, statusText: 'Unauthorized' },
        );
      await navigation;
      await fixture.whenStable();
      expect(router.url).toBe('/sign-in?returnUrl=%2Finbox&reason=expired');
      expect(text(el.querySelector('main [role="status"]'))).toContain(
        'Your session ended after a period of inactivity. Sign in again to continue.',
      );
    });

    it('switches organisation from the account menu and rebuilds the page for it', async () => {
      const me = aMe(['admin'], {
        organisations: [
          { ...RIVERSIDE, roles: ['admin'] },
          { ...LAKESIDE, roles: ['reviewer'] },
        ],
      });
      await startSignedIn(['admin'], '/calendar', me);
      el.querySelector<HTMLButtonElement>('cc-user-menu button.account')?.click();
      await fixture.whenStable();
      const items = Array.from(document.querySelectorAll<HTMLElement>('[role="menuitemradio"]'));
      expect(items.map((i) => [i.getAttribute('aria-label'), i.getAttribute('aria-checked')])).toEqual([
        ['Riverside Family Medicine', 'true'],
        ['Lakeside Pediatrics', 'false'],
      ]);
      const menuItems = Array.from(document.querySelectorAll('[role="menuitem"]')).map(text);
      expect(menuItems).toEqual(expect.arrayContaining(['Sign out', 'Sign out everywhere']));

      items[1].click();
      const req = http.expectOne('/api/auth/switch-organisation');
      expect(req.request.body).toEqual({ organisationId: LAKESIDE.id });
      expect(req.request.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
      req.flush(
        aMe(['reviewer'], {
          organisation: { ...LAKESIDE, roles: ['reviewer'] },
          organisations: me.organisations,
        }),
      );
      await tick();
      await fixture.whenStable();
      expect(text(el.querySelector('.org'))).toBe('Lakeside Pediatrics');
      expect(text(el.querySelector('main .page__lead'))).toContain('Central Time (America/Chicago)');
      expect(el.querySelector('nav a[href="/settings/users"]')).toBeNull();
    });

    it('signs out from the account menu and says so on the sign-in page', async () => {
      await startSignedIn();
      localStorage.setItem('cc-draft:u-1:x:/settings/users:invite', '{}');
      el.querySelector<HTMLButtonElement>('cc-user-menu button.account')?.click();
      await fixture.whenStable();
      Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]'))
        .find((i) => text(i) === 'Sign out')
        ?.click();
      const req = http.expectOne('/api/auth/sign-out');
      expect(req.request.headers.get('X-CSRF-Token')).toBe('csrf-token-1');
      req.flush(null, { status: 204, statusText: 'No Content' });
      await tick();
      await fixture.whenStable();

      expect(router.url).toBe('/sign-in?reason=you-signed-out');
      expect(el.querySelector('nav[aria-label="Main"]')).toBeNull();
      expect(localStorage.getItem('cc-draft:u-1:x:/settings/users:invite')).toBeNull();
      expect(text(el.querySelector('main [role="status"]'))).toBe('You signed out.');
    });

    it('moves focus to the main content after navigating, for keyboard and screen-reader users', async () => {
      await startSignedIn();
      await go('/review');
      expect(document.activeElement).toBe(el.querySelector('main'));
    });
  });
});
