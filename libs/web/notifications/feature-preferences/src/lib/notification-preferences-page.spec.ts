import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import {
  NOTIFICATION_DEFAULTS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationPreference,
} from '@carecast/shared/contracts';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { NOTIFICATION_PREFERENCES_URL } from '@carecast/web/notifications/data-access';
import { NotificationPreferencesPage } from './notification-preferences-page';

const stored = (
  over: Partial<Record<string, Partial<NotificationPreference>>> = {},
): NotificationPreference[] =>
  NOTIFICATION_KINDS.map((kind) => ({
    kind,
    label: NOTIFICATION_KIND_LABELS[kind],
    ...NOTIFICATION_DEFAULTS[kind],
    ...over[kind],
  }));

describe('NotificationPreferencesPage', () => {
  let fixture: ComponentFixture<NotificationPreferencesPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const checkbox = (label: string) => el.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AuthStore).setMe(aMe(['reviewer']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationPreferencesPage);
    el = fixture.nativeElement;
    await settle();
  });

  afterEach(() => http.verify());

  it('shows every kind with its stored choice, each box named by the kind and the channel', async () => {
    http
      .expectOne({ url: NOTIFICATION_PREFERENCES_URL, method: 'GET' })
      .flush({ preferences: stored({ approved: { email: true }, mentioned: { inApp: false } }) });
    await settle();
    const rows = Array.from(el.querySelectorAll('tbody th[scope="row"]')).map(text);
    expect(rows).toEqual(NOTIFICATION_KINDS.map((k) => NOTIFICATION_KIND_LABELS[k]));
    expect(checkbox('My post was approved: by email')?.checked).toBe(true);
    expect(checkbox('Someone mentioned me in a comment: in Carecast')?.checked).toBe(false);
    expect(checkbox('A post is waiting for my review: by email')?.checked).toBe(true);
    expect(text(el)).toContain('Riverside Family Medicine');
  });

  it('saves every kind as ticked, and says so', async () => {
    http.expectOne(NOTIFICATION_PREFERENCES_URL).flush({ preferences: stored() });
    await settle();
    checkbox('A post is waiting for my review: by email')?.click();
    await settle();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    const req = http.expectOne({ url: NOTIFICATION_PREFERENCES_URL, method: 'PUT' });
    expect(req.request.body.preferences).toHaveLength(NOTIFICATION_KINDS.length);
    expect(req.request.body.preferences[0]).toEqual({ kind: 'review_requested', inApp: true, email: false });
    req.flush({ preferences: stored({ review_requested: { email: false } }) });
    await settle();
    expect(text(el.querySelector('.form-error'))).toBe('Notification settings saved.');
    expect(checkbox('A post is waiting for my review: by email')?.checked).toBe(false);
  });

  it('says why saving failed', async () => {
    http.expectOne(NOTIFICATION_PREFERENCES_URL).flush({ preferences: stored() });
    await settle();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    http.expectOne({ url: NOTIFICATION_PREFERENCES_URL, method: 'PUT' }).flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'Give each kind once: approved is there twice.',
      },
      { status: 422, statusText: 'Unprocessable' },
    );
    await settle();
    expect(text(el.querySelector('.form-error'))).toBe('Give each kind once: approved is there twice.');
  });

  it('says when the settings could not be loaded, and tries again', async () => {
    http
      .expectOne(NOTIFICATION_PREFERENCES_URL)
      .flush({ statusCode: 503, error: 'x', message: 'Away' }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(text(el)).toContain('Could not load your notification settings.');
    Array.from(el.querySelectorAll('button'))
      .find((b) => text(b) === 'Try again')
      ?.click();
    await settle();
    http.expectOne(NOTIFICATION_PREFERENCES_URL).flush({ preferences: stored() });
  });
});
