import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aNotification, FakeEventSource, provideFakeEventSource } from '../testing/notification.fixtures';
import {
  NOTIFICATION_PREFERENCES_URL,
  NOTIFICATIONS_READ_ALL_URL,
  NOTIFICATIONS_STREAM_URL,
  NOTIFICATIONS_UNREAD_URL,
  NOTIFICATIONS_URL,
  notificationReadUrl,
} from './notifications.service';
import { NotificationsStore, RECENT_LIMIT } from './notifications.store';

describe('NotificationsStore', () => {
  let store: NotificationsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ...provideFakeEventSource([1000, 5000])],
    });
    store = TestBed.inject(NotificationsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const listRequest = () => http.expectOne((r) => r.url === NOTIFICATIONS_URL && r.method === 'GET');

  describe('the live stream', () => {
    it('opens one stream however many watch, and closes it when the last lets go', () => {
      const first = store.watch();
      const second = store.watch();
      expect(FakeEventSource.opened.map((s) => s.url)).toEqual([NOTIFICATIONS_STREAM_URL]);
      expect(store.live()).toBe('connecting');
      FakeEventSource.latest().open();
      expect(store.live()).toBe('live');
      first();
      first();
      expect(FakeEventSource.latest().closed).toBe(false);
      second();
      expect(FakeEventSource.latest().closed).toBe(true);
      expect(store.live()).toBe('off');
    });

    it('takes the unread count of every event, and the newest notification of those carrying one', () => {
      const release = store.watch();
      const source = FakeEventSource.latest();
      source.open();
      source.send({ unread: 3, notification: null });
      expect(store.unread()).toBe(3);
      expect(store.latest()).toBeNull();
      const arrived = aNotification({ title: 'Changes requested' });
      source.send({ unread: 4, notification: arrived });
      expect(store.unread()).toBe(4);
      expect(store.latest()).toEqual(arrived);
      release();
    });

    it('ignores what is not an event of the stream', () => {
      const release = store.watch();
      const source = FakeEventSource.latest();
      source.send({ unread: 2, notification: null });
      for (const data of ['not json', '{}', 'null'])
        (source as unknown as { listeners: Map<string, Array<(e: { data: string }) => void>> }).listeners
          .get('notification')
          ?.forEach((l) => l({ data }));
      expect(store.unread()).toBe(2);
      release();
    });

    it('adds a live notification to the loaded panel, newest first, once', () => {
      const release = store.watch();
      store.loadRecent();
      const older = aNotification({ title: 'Older' });
      listRequest().flush({ items: [older], nextCursor: null, unread: 1 });
      const newer = aNotification({ title: 'Newer' });
      FakeEventSource.latest().send({ unread: 2, notification: newer });
      FakeEventSource.latest().send({ unread: 2, notification: newer });
      expect(store.items().map((n) => n.title)).toEqual(['Newer', 'Older']);
      release();
    });

    it('lets the browser reconnect a dropped connection by itself', () => {
      const release = store.watch();
      FakeEventSource.latest().open();
      FakeEventSource.latest().fail(false);
      expect(store.live()).toBe('connecting');
      jest.advanceTimersByTime(60_000);
      expect(FakeEventSource.opened).toHaveLength(1);
      release();
    });

    it('opens the stream again after the browser gave up, later each time, asking for the count meanwhile', () => {
      const release = store.watch();
      FakeEventSource.latest().fail(true);
      expect(store.live()).toBe('retrying');
      expect(FakeEventSource.latest().closed).toBe(true);
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 5 });
      expect(store.unread()).toBe(5);

      jest.advanceTimersByTime(999);
      expect(FakeEventSource.opened).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(FakeEventSource.opened).toHaveLength(2);

      FakeEventSource.latest().fail(true);
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 5 });
      jest.advanceTimersByTime(4_999);
      expect(FakeEventSource.opened).toHaveLength(2);
      jest.advanceTimersByTime(1);
      expect(FakeEventSource.opened).toHaveLength(3);

      // Open again: the next failure waits the first delay again.
      FakeEventSource.latest().open();
      FakeEventSource.latest().fail(true);
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 5 });
      jest.advanceTimersByTime(1_000);
      expect(FakeEventSource.opened).toHaveLength(4);
      release();
    });

    it('stops trying when the session has ended (the count answers 401), and when nobody watches', () => {
      const release = store.watch();
      FakeEventSource.latest().fail(true);
      http
        .expectOne(NOTIFICATIONS_UNREAD_URL)
        .flush({ statusCode: 401, error: 'session_expired' }, { status: 401, statusText: 'Unauthorized' });
      jest.advanceTimersByTime(60_000);
      expect(FakeEventSource.opened).toHaveLength(1);
      expect(store.live()).toBe('off');
      release();

      const again = store.watch();
      FakeEventSource.latest().fail(true);
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 0 });
      again();
      jest.advanceTimersByTime(60_000);
      expect(FakeEventSource.opened).toHaveLength(2);
    });
  });

  describe('the panel', () => {
    it(`loads the newest ${RECENT_LIMIT}, with the count`, () => {
      store.loadRecent();
      expect(store.recent()).toEqual({ state: 'loading' });
      const req = listRequest();
      expect(req.request.params.get('limit')).toBe(String(RECENT_LIMIT));
      const items = [aNotification(), aNotification({ readAt: '2026-03-02T15:00:00Z' })];
      req.flush({ items, nextCursor: '12', unread: 1 });
      expect(store.recent()).toEqual({ state: 'ready', items, more: true });
      expect(store.unread()).toBe(1);
    });

    it('says why the list could not be loaded', () => {
      store.loadRecent();
      listRequest().flush(
        { statusCode: 503, error: 'dependency_unavailable', message: 'The database is not answering.' },
        { status: 503, statusText: 'Service Unavailable' },
      );
      expect(store.recent()).toMatchObject({ state: 'failed', message: expect.any(String) });
    });

    it('marks one read at once, and takes the count the api answers', () => {
      store.loadRecent();
      const [a, b] = [aNotification(), aNotification()];
      listRequest().flush({ items: [a, b], nextCursor: null, unread: 2 });
      store.markRead(a.id);
      expect(store.items()[0].readAt).not.toBeNull();
      expect(store.unread()).toBe(1);
      http.expectOne({ url: notificationReadUrl(a.id), method: 'POST' }).flush({ unread: 1 });
      // Marking it again asks nothing.
      store.markRead(a.id);
    });

    it('puts a notification back to unread when the api refuses to mark it', () => {
      store.loadRecent();
      const a = aNotification();
      listRequest().flush({ items: [a], nextCursor: null, unread: 1 });
      store.markRead(a.id);
      http.expectOne(notificationReadUrl(a.id)).flush(
        { statusCode: 404, error: 'not_found', message: 'There is no such notification.' },
        {
          status: 404,
          statusText: 'Not Found',
        },
      );
      expect(store.items()[0].readAt).toBeNull();
      expect(store.actionError()).toBeTruthy();
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 1 });
      expect(store.unread()).toBe(1);
    });

    it('marks all read, and restores the list when the api refuses', () => {
      store.loadRecent();
      const items = [aNotification(), aNotification()];
      listRequest().flush({ items, nextCursor: null, unread: 2 });
      store.markAllRead();
      expect(store.items().every((n) => n.readAt)).toBe(true);
      expect(store.unread()).toBe(0);
      http.expectOne({ url: NOTIFICATIONS_READ_ALL_URL, method: 'POST' }).flush({ unread: 0 });

      store.markAllRead();
      http
        .expectOne(NOTIFICATIONS_READ_ALL_URL)
        .flush({ statusCode: 503, error: 'x', message: 'Away' }, { status: 503, statusText: 'Unavailable' });
      http.expectOne(NOTIFICATIONS_UNREAD_URL).flush({ unread: 0 });
      expect(store.actionError()).toBeTruthy();
    });
  });

  describe('preferences', () => {
    const preferences = [
      { kind: 'approved' as const, label: 'My post was approved', inApp: true, email: false },
    ];

    it('loads and saves them, taking what the api answers', async () => {
      store.loadPreferences();
      http.expectOne(NOTIFICATION_PREFERENCES_URL).flush({ preferences });
      expect(store.preferences()).toEqual({ state: 'ready', preferences });

      const saved = store.savePreferences([{ kind: 'approved', inApp: true, email: true }]);
      const req = http.expectOne({ url: NOTIFICATION_PREFERENCES_URL, method: 'PUT' });
      expect(req.request.body).toEqual({ preferences: [{ kind: 'approved', inApp: true, email: true }] });
      req.flush({ preferences: [{ ...preferences[0], email: true }] });
      await expect(saved).resolves.toBeNull();
      expect(store.preferences()).toEqual({
        state: 'ready',
        preferences: [{ ...preferences[0], email: true }],
      });
    });

    it('answers why saving failed and keeps what was shown', async () => {
      store.loadPreferences();
      http.expectOne(NOTIFICATION_PREFERENCES_URL).flush({ preferences });
      const saved = store.savePreferences([{ kind: 'approved', inApp: false, email: false }]);
      http.expectOne({ url: NOTIFICATION_PREFERENCES_URL, method: 'PUT' }).flush(
        { statusCode: 422, error: 'validation_failed', message: 'Give each kind once.' },
        {
          status: 422,
          statusText: 'Unprocessable',
        },
      );
      await expect(saved).resolves.toBe('Give each kind once.');
      expect(store.preferences()).toEqual({ state: 'ready', preferences });
    });
  });
});
