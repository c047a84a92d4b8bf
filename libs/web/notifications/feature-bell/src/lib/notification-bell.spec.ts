import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@carecast/web/core';
import { aMe, RIVERSIDE } from '@carecast/web/core/testing';
import {
  NOTIFICATIONS_READ_ALL_URL,
  NOTIFICATIONS_URL,
  notificationReadUrl,
} from '@carecast/web/notifications/data-access';
import {
  aNotification,
  FakeEventSource,
  provideFakeEventSource,
} from '@carecast/web/notifications/data-access/testing';
import { NotificationBell } from './notification-bell';

describe('NotificationBell', () => {
  let fixture: ComponentFixture<NotificationBell>;
  let http: HttpTestingController;
  let auth: AuthStore;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const bell = () => el.querySelector<HTMLButtonElement>('button.bell');
  const badge = () => el.querySelector('.bell__badge');
  const panel = () => document.querySelector('.cc-notifications-menu');
  const menuItem = (name: string) =>
    Array.from(document.querySelectorAll<HTMLElement>('[mat-menu-item]')).find((b) => text(b).includes(name));
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', children: [] }]),
        ...provideFakeEventSource(),
      ],
    });
    auth = TestBed.inject(AuthStore);
    auth.setMe(aMe(['reviewer']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationBell);
    el = fixture.nativeElement;
    await settle();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  async function openPanel(items = [aNotification()], unread = items.filter((n) => !n.readAt).length) {
    bell()?.click();
    await settle();
    http.expectOne((r) => r.url === NOTIFICATIONS_URL).flush({ items, nextCursor: null, unread });
    await settle();
  }

  it('opens the live stream while shown, and shows the unread count it sends', async () => {
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(bell()?.getAttribute('aria-label')).toBe('Notifications');
    expect(badge()).toBeNull();

    FakeEventSource.latest().send({ unread: 3, notification: null });
    await settle();
    expect(text(badge())).toBe('3');
    expect(badge()?.getAttribute('aria-hidden')).toBe('true');
    expect(bell()?.getAttribute('aria-label')).toBe('Notifications, 3 unread');

    FakeEventSource.latest().send({ unread: 120, notification: null });
    await settle();
    expect(text(badge())).toBe('99+');

    fixture.destroy();
    expect(FakeEventSource.latest().closed).toBe(true);
  });

  it('announces a notification as it arrives', async () => {
    FakeEventSource.latest().send({
      unread: 1,
      notification: aNotification({ title: 'Your post was approved' }),
    });
    await settle();
    const live = el.querySelector('[aria-live="polite"]');
    expect(text(live)).toBe('New notification: Your post was approved');
  });

  it('opens the stream of the new organisation on a switch, and closes it on sign-out', async () => {
    const first = FakeEventSource.latest();
    auth.setMe(
      aMe(['reviewer'], {
        organisation: { ...RIVERSIDE, id: 'org-2', name: 'Brookside Clinic', roles: ['reviewer'] },
      }),
    );
    await settle();
    expect(first.closed).toBe(true);
    expect(FakeEventSource.opened).toHaveLength(2);
    auth.clear();
    await settle();
    expect(FakeEventSource.latest().closed).toBe(true);
    expect(FakeEventSource.opened).toHaveLength(2);
  });

  it('lists the newest notifications when opened, unread ones marked, each a link to what it is about', async () => {
    await openPanel([
      aNotification({ title: 'Flu clinic post is waiting for your review', link: '/review' }),
      aNotification({ title: 'Your post was approved', readAt: '2026-03-02T15:00:00Z', actor: null }),
    ]);
    expect(panel()).not.toBeNull();
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a.item'));
    expect(links.map((a) => text(a.querySelector('.item__title')))).toEqual([
      'Unread: Flu clinic post is waiting for your review',
      'Your post was approved',
    ]);
    expect(links[0].getAttribute('href')).toBe('/review');
    expect(text(links[0].querySelector('.item__meta'))).toMatch(/^Dana Whitfield · \d+ d ago$/);
    expect(links[0].querySelector('time')?.getAttribute('title')).toContain('EST');
  });

  it('marks a notification read when it is followed', async () => {
    const n = aNotification();
    await openPanel([n]);
    document.querySelector<HTMLAnchorElement>('a.item')?.click();
    await settle();
    http.expectOne({ url: notificationReadUrl(n.id), method: 'POST' }).flush({ unread: 0 });
  });

  it('marks all read, and offers it only while some are unread', async () => {
    await openPanel([aNotification(), aNotification()]);
    const markAll = menuItem('Mark all as read') as HTMLButtonElement;
    expect(markAll.disabled).toBe(false);
    markAll.click();
    await settle();
    http.expectOne({ url: NOTIFICATIONS_READ_ALL_URL, method: 'POST' }).flush({ unread: 0 });
    await settle();
    expect((menuItem('Mark all as read') as HTMLButtonElement).disabled).toBe(true);
    expect(document.querySelectorAll('a.item--unread')).toHaveLength(0);
  });

  it('says when there is nothing yet, and links to the settings', async () => {
    await openPanel([]);
    expect(text(panel())).toContain('No notifications yet.');
    expect(menuItem('Notification settings')?.getAttribute('href')).toBe('/account/notifications');
  });

  it('says when the list could not be loaded, and tries again', async () => {
    bell()?.click();
    await settle();
    http
      .expectOne((r) => r.url === NOTIFICATIONS_URL)
      .flush(
        { statusCode: 503, error: 'x', message: 'The database is not answering.' },
        {
          status: 503,
          statusText: 'Unavailable',
        },
      );
    await settle();
    expect(text(panel())).toContain('Your notifications could not be loaded.');
    menuItem('Try again')?.click();
    await settle();
    http.expectOne((r) => r.url === NOTIFICATIONS_URL).flush({ items: [], nextCursor: null, unread: 0 });
  });
});
