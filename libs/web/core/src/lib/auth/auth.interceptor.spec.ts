import { Location } from '@angular/common';
import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { aMe } from '../../testing/me.fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { AuthStore } from './auth.store';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const unauthorized = (error: string, message = 'Sign in to continue.') =>
  [
    { statusCode: 401, error, message, requestId: 'req-1' },
    { status: 401, statusText: 'Unauthorized' },
  ] as const;

describe('authInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;
  let router: Router;
  let store: AuthStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'settings/users', component: Blank },
          { path: 'sign-in', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    store = TestBed.inject(AuthStore);
    store.setMe(aMe());
    await router.navigateByUrl('/settings/users?sort=email');
  });

  afterEach(() => controller.verify());

  /** Makes a call, lets it fail as given, and waits for any navigation it causes. */
  async function failing(url: string, method: 'GET' | 'POST', body: object, init: object): Promise<unknown> {
    const call = firstValueFrom(method === 'GET' ? http.get(url) : http.post(url, {})).catch(
      (e: unknown) => e,
    );
    controller.expectOne({ url, method }).flush(body, init);
    const error = await call;
    await new Promise((resolve) => setTimeout(resolve));
    return error;
  }

  it('sends an expired session to sign-in, with where the user was and why', async () => {
    const [body, init] = unauthorized(
      'session_expired',
      'Your session ended after 15 minutes without activity.',
    );
    const error = await failing('/api/users', 'GET', body, init);

    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(store.signedIn()).toBe(false);
    const url = router.parseUrl(router.url);
    expect(url.root.children['primary']?.segments.map((s) => s.path)).toEqual(['sign-in']);
    expect(url.queryParams).toEqual({ returnUrl: '/settings/users?sort=email', reason: 'expired' });
    expect(store.endedMessage()).toBe('Your session ended after 15 minutes without activity.');
  });

  it('brings the person back to the address they see, also one a page replaced without navigating', async () => {
    TestBed.inject(Location).replaceState('/settings/users/u-9?tab=roles');
    const [body, init] = unauthorized('session_expired', 'Your session ended.');
    await failing('/api/users', 'GET', body, init);

    expect(router.parseUrl(router.url).queryParams).toEqual({
      returnUrl: '/settings/users/u-9?tab=roles',
      reason: 'expired',
    });
  });

  it('says "signed out" when the session was ended another way (revoked, deactivated)', async () => {
    const [body, init] = unauthorized('unauthenticated', 'Your session has ended. Sign in again.');
    await failing('/api/organisation/security', 'POST', body, init);

    expect(router.parseUrl(router.url).queryParams).toEqual({
      returnUrl: '/settings/users?sort=email',
      reason: 'signed-out',
    });
  });

  it('leaves the wrong password of the sign-in step to the sign-in page', async () => {
    const [body, init] = unauthorized('invalid_credentials', 'The email or password is not right.');
    await failing('/api/auth/sign-in', 'POST', body, init);

    expect(router.url).toBe('/settings/users?sort=email');
    expect(store.signedIn()).toBe(true);
  });

  it('leaves a wrong MFA code alone, wherever it is typed', async () => {
    const [body, init] = unauthorized('invalid_code', 'That code is not right.');
    await failing('/api/auth/mfa/verify', 'POST', body, init);
    await failing('/api/auth/mfa/disable', 'POST', body, init);

    expect(router.url).toBe('/settings/users?sort=email');
    expect(store.signedIn()).toBe(true);
  });

  it('leaves alone the start-up check, whose caller handles its 401', async () => {
    const call = firstValueFrom(TestBed.inject(AuthService).me()).catch((e: unknown) => e);
    const [body, init] = unauthorized('unauthenticated');
    controller.expectOne('/api/auth/me').flush(body, init);
    await call;
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/settings/users?sort=email');
  });

  it('passes other errors (403, 500) through without signing out', async () => {
    await failing(
      '/api/users',
      'GET',
      { statusCode: 403, error: 'forbidden', message: 'No', requestId: 'r' },
      {
        status: 403,
        statusText: 'Forbidden',
      },
    );
    expect(store.signedIn()).toBe(true);
    expect(router.url).toBe('/settings/users?sort=email');
  });

  const twoStepRequired = [
    {
      statusCode: 403,
      error: 'mfa_required',
      message: 'Set up two-step sign-in first: your organisation requires it.',
      requestId: 'r',
    },
    { status: 403, statusText: 'Forbidden' },
  ] as const;

  it('sends a session the organisation now requires two-step sign-in for to set it up', async () => {
    const [body, init] = twoStepRequired;
    await failing('/api/users', 'GET', body, init);

    expect(store.signedIn()).toBe(false);
    const url = router.parseUrl(router.url);
    expect(url.root.children['primary']?.segments.map((s) => s.path)).toEqual(['sign-in']);
    expect(url.queryParams).toEqual({
      returnUrl: '/settings/users?sort=email',
      reason: 'two-step-required',
    });
  });

  it('leaves a 403 mfa_required about another organisation, or from the set-up itself, to the page', async () => {
    const [body, init] = twoStepRequired;
    await failing('/api/auth/switch-organisation', 'POST', body, init);
    await failing('/api/auth/mfa/enrol', 'POST', body, init);

    expect(store.signedIn()).toBe(true);
    expect(router.url).toBe('/settings/users?sort=email');
  });

  it('redirects once when several calls fail together', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    const [body, init] = unauthorized('session_expired');
    const calls = [http.get('/api/users'), http.get('/api/audit')].map((o) =>
      firstValueFrom(o).catch(() => null),
    );
    controller.expectOne('/api/users').flush(body, init);
    controller.expectOne('/api/audit').flush(body, init);
    await Promise.all(calls);

    expect(navigate).toHaveBeenCalledTimes(1);
  });
});
