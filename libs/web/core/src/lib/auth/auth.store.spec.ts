import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aMe } from '../../testing/me.fixtures';
import { AuthStore, SESSION_HINT_COOKIE } from './auth.store';

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SESSION_HINT_COOKIE, useValue: 'cc_test_csrf' },
      ],
    });
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    document.cookie = 'cc_test_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    http.verify();
  });

  describe('can()', () => {
    it('allows nothing before sign-in', () => {
      expect(store.signedIn()).toBe(false);
      expect(store.can('content.read')).toBe(false);
    });

    it("answers from the API's permission list, not from the role names", () => {
      // A viewer whose organisation was given audit.read by the API: the API decides.
      store.setMe(aMe(['viewer'], { permissions: ['content.read', 'audit.read'] }));

      expect(store.signedIn()).toBe(true);
      expect(store.can('audit.read')).toBe(true);
      expect(store.can('content.read')).toBe(true);
      expect(store.can('review.read')).toBe(false);
      expect(store.can('users.manage')).toBe(false);
    });

    it('follows the roles of each organisation: reviewer reads audit, marketer does not', () => {
      store.setMe(aMe(['reviewer']));
      expect(store.can('audit.read')).toBe(true);
      expect(store.can('users.read')).toBe(false);

      store.setMe(aMe(['marketer']));
      expect(store.can('audit.read')).toBe(false);
      expect(store.can('content.write')).toBe(true);
    });

    it('forgets every permission when the session is cleared', () => {
      store.setMe(aMe(['admin']));
      store.clear();
      expect(store.can('users.manage')).toBe(false);
      expect(store.me()).toBeNull();
    });
  });

  describe('ensureLoaded()', () => {
    it('does not ask the API when the browser holds no session cookie', async () => {
      const check = await store.ensureLoaded();
      http.expectNone('/api/auth/me');
      expect(check).toEqual({ me: null, reason: null, error: null });
    });

    it('asks the API once when a session cookie is there, and keeps the answer', async () => {
      document.cookie = 'cc_test_csrf=token-1; path=/';
      const first = store.ensureLoaded();
      const second = store.ensureLoaded();
      http.expectOne('/api/auth/me').flush(aMe(['marketer']));

      expect((await first).me?.user.email).toBe('avery@riverside.example');
      expect((await second).me).not.toBeNull();
      await store.ensureLoaded();
      http.expectNone('/api/auth/me');
      expect(store.can('content.write')).toBe(true);
    });

    it('reports an expired session as the reason to sign in again', async () => {
      document.cookie = 'cc_test_csrf=token-1; path=/';
      const check = store.ensureLoaded();
      http.expectOne('/api/auth/me').flush(
        {
          statusCode: 401,
          error: 'session_expired',
          message: 'Your session reached its 12-hour limit. Sign in again.',
          requestId: 'r1',
        },
        { status: 401, statusText: 'Unauthorized' },
      );

      expect(await check).toEqual({ me: null, reason: 'expired', error: null });
      expect(store.endedMessage()).toBe('Your session reached its 12-hour limit. Sign in again.');
    });

    it('does not remember a failed attempt (API away), so the next navigation asks again', async () => {
      document.cookie = 'cc_test_csrf=token-1; path=/';
      const check = store.ensureLoaded();
      http.expectOne('/api/auth/me').error(new ProgressEvent('error'), { status: 0, statusText: '' });
      expect((await check).error).toContain('Cannot reach the Carecast API');

      const again = store.ensureLoaded();
      http.expectOne('/api/auth/me').flush(aMe());
      expect((await again).me).not.toBeNull();
    });
  });
});
