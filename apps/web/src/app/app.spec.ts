import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { App } from './app';
import { appConfig } from './app.config';
import { SYSTEM_STATUS_URL } from './features/status/system-status.service';
import { aSystemStatus } from './features/status/testing/system-status.fixtures';

describe('App shell', () => {
  let fixture: ComponentFixture<App>;
  let http: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

  async function go(url: string): Promise<void> {
    await router.navigateByUrl(url);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(App);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    http.match(SYSTEM_STATUS_URL);
    http.verify();
    jest.restoreAllMocks();
  });

  it('has the banner, main navigation, main content and footer landmarks', () => {
    expect(el.querySelector('header mat-toolbar')).not.toBeNull();
    expect(el.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(el.querySelectorAll('main')).toHaveLength(1);
    expect(el.querySelector('main')?.id).toBe('main');
    expect(el.querySelector('footer')).not.toBeNull();
  });

  it('shows the product, the organisation and a way to sign in', () => {
    const toolbar = el.querySelector('mat-toolbar');
    expect(text(toolbar?.querySelector('.brand') ?? null)).toBe('Carecast');
    expect(text(toolbar)).toContain('Riverside Family Medicine');
    expect(text(toolbar?.querySelector('a[href="/sign-in"]') ?? null)).toBe('Sign in');
  });

  it('shows the live system status in the toolbar, linking to the full panel', async () => {
    const indicator = el.querySelector('cc-status-indicator a');
    expect(indicator?.getAttribute('href')).toBe('/status');
    expect(text(indicator)).toBe('System status: Checking status…');

    await new Promise((resolve) => setTimeout(resolve)); // the first poll is on a zero-delay timer
    http.expectOne(SYSTEM_STATUS_URL).flush(aSystemStatus());
    await fixture.whenStable();
    expect(text(indicator)).toBe('System status: All systems up');
  });

  it('opens the calendar at the root address and titles the page', async () => {
    await go('/');

    expect(router.url).toBe('/calendar');
    expect(TestBed.inject(Title).getTitle()).toBe('Calendar · Carecast');
    expect(text(el.querySelector('main h1'))).toBe('Calendar');
  });

  it.each([
    ['/review', 'Review · Carecast', 'Review'],
    ['/inbox', 'Inbox · Carecast', 'Inbox'],
    ['/channels', 'Channels · Carecast', 'Channels'],
    ['/audit', 'Audit · Carecast', 'Audit'],
    ['/sign-in', 'Sign in · Carecast', 'Sign in'],
  ])('loads %s lazily with its own title', async (url, title, h1) => {
    await go(url);

    expect(TestBed.inject(Title).getTitle()).toBe(title);
    expect(Array.from(el.querySelectorAll('h1')).map(text)).toEqual([h1]);
  });

  it('loads the status panel at /status', async () => {
    await go('/status');
    await new Promise((resolve) => setTimeout(resolve));
    const requests = http.match(SYSTEM_STATUS_URL);
    expect(requests.length).toBeGreaterThan(0);
    requests.forEach((req) => req.flush(aSystemStatus()));
    await fixture.whenStable();

    expect(TestBed.inject(Title).getTitle()).toBe('System status · Carecast');
    expect(el.querySelectorAll('main [data-service]')).toHaveLength(3);
  });

  it('explains an unknown address and offers a way back', async () => {
    await go('/no-such-page');

    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Carecast');
    expect(text(el.querySelector('main h1'))).toBe('Page not found');
    expect(text(el.querySelector('main'))).toContain('Nothing lives at /no-such-page.');
    expect(el.querySelector('main a[href="/calendar"]')).not.toBeNull();
  });

  it('moves focus to the main content after navigating, for keyboard and screen-reader users', async () => {
    await go('/calendar');
    await go('/review');

    expect(document.activeElement).toBe(el.querySelector('main'));
  });
});
