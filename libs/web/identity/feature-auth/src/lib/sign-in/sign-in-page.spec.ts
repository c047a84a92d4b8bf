import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@carecast/web/core';
import { aMe } from '@carecast/web/core/testing';
import { SignInPage } from './sign-in-page';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const labelled = (label: string) => {
    const id = Array.from(el.querySelectorAll('label')).find(
      (l) => text(l).replace(/\s*\*$/, '') === label,
    )?.htmlFor;
    return id ? el.querySelector<HTMLInputElement>(`#${id}`) : null;
  };
  const button = (name: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => text(b) === name) ?? null;
  const fill = (label: string, value: string) => {
    const input = labelled(label);
    if (!input) throw new Error(`no field labelled ${label}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  async function setup(inputs: { returnUrl?: string; reason?: string } = {}): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'calendar', component: Blank },
          { path: 'audit', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SignInPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    el = fixture.nativeElement;
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('asks for email and password with labelled fields, the email field focused', async () => {
    await setup();
    expect(text(el.querySelector('h1'))).toBe('Sign in');
    expect(labelled('Email')?.type).toBe('email');
    expect(labelled('Email')?.autocomplete).toBe('username');
    expect(labelled('Password')?.type).toBe('password');
    expect(button('Sign in')?.type).toBe('submit');
    expect(el.querySelector('a[href^="/forgot-password"]')).not.toBeNull();
    await settle();
    expect(document.activeElement).toBe(labelled('Email'));
  });

  it('says plainly when the email or password is not right, in a live region', async () => {
    await setup();
    fill('Email', 'dana@riverside.example');
    fill('Password', 'not-the-password');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush(
      {
        statusCode: 401,
        error: 'invalid_credentials',
        message: 'The email or password is not right.',
        requestId: 'r',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();

    const live = el.querySelector('.form-error[aria-live="assertive"]');
    expect(text(live)).toBe('The email or password is not right.');
    expect(labelled('Authentication code')).toBeNull();
    expect(TestBed.inject(AuthStore).signedIn()).toBe(false);
  });

  it('passes on "too many attempts" with when to try again', async () => {
    await setup();
    fill('Email', 'dana@riverside.example');
    fill('Password', 'x');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush(
      {
        statusCode: 429,
        error: 'too_many_attempts',
        message: 'Too many attempts. Try again in 15 minutes.',
        requestId: 'r',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle();
    expect(text(el.querySelector('.form-error'))).toBe('Too many attempts. Try again in 15 minutes.');
  });

  it('asks for the code when MFA is on, then signs in and returns to where the user was going', async () => {
    await setup({ returnUrl: '/audit' });
    fill('Email', 'marcus@riverside.example');
    fill('Password', 'Quiet-Lantern-Orchard-7');
    button('Sign in')?.click();
    const signIn = http.expectOne('/api/auth/sign-in');
    expect(signIn.request.body).toEqual({
      email: 'marcus@riverside.example',
      password: 'Quiet-Lantern-Orchard-7',
    });
    signIn.flush({ status: 'mfa_required' });
    await settle();

    const code = labelled('Authentication code');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(code);
    expect(labelled('Password')).toBeNull();

    fill('Authentication code', '000000');
    button('Verify')?.click();
    http.expectOne('/api/auth/mfa/verify').flush(
      {
        statusCode: 401,
        error: 'invalid_code',
        message: 'That code is not right, or was already used. Enter the current code from your app.',
        requestId: 'r',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    expect(text(el.querySelector('.form-error'))).toContain('That code is not right');
    expect(labelled('Authentication code')).not.toBeNull(); // still on the code step

    fill('Authentication code', '123 456');
    button('Verify')?.click();
    const verify = http.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({ code: '123456' });
    verify.flush({ status: 'signed_in', me: aMe(['reviewer']) });
    await settle();

    expect(TestBed.inject(AuthStore).can('audit.read')).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/audit');
  });

  it('takes a recovery code instead, as typed (lower-cased)', async () => {
    await setup();
    fill('Email', 'marcus@riverside.example');
    fill('Password', 'Quiet-Lantern-Orchard-7');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush({ status: 'mfa_required' });
    await settle();

    button('Use a recovery code instead')?.click();
    await settle();
    expect(labelled('Authentication code')).toBeNull();
    fill('Recovery code', 'ABCD-EFGH-IJKL');
    button('Verify')?.click();
    expect(http.expectOne('/api/auth/mfa/verify').request.body).toEqual({ code: 'abcd-efgh-ijkl' });
  });

  it('goes to the calendar after signing in, and never to another site', async () => {
    await setup({ returnUrl: 'https://evil.example/' });
    fill('Email', 'dana@riverside.example');
    fill('Password', 'Quiet-Lantern-Orchard-7');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush({ status: 'signed_in', me: aMe(['marketer']) });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/calendar');
  });

  it('shows the organisation-required MFA set-up when the account has none', async () => {
    await setup();
    fill('Email', 'vic@riverside.example');
    fill('Password', 'Quiet-Lantern-Orchard-7');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush({ status: 'mfa_enrolment_required' });
    await settle();

    expect(text(el.querySelector('h1'))).toBe('Set up two-step sign-in');
    http.expectOne('/api/auth/mfa/setup').flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUrl: 'otpauth://totp/Carecast:vic?secret=JBSWY3DPEHPK3PXP',
    });
    await settle();
    expect(text(el.querySelector('.secret'))).toBe('JBSW Y3DP EHPK 3PXP');
    expect(text(el)).toContain('otpauth://totp/Carecast:vic?secret=JBSWY3DPEHPK3PXP');

    fill('Authentication code', '123456');
    button('Verify and turn on')?.click();
    http
      .expectOne('/api/auth/mfa/enable')
      .flush({ recoveryCodes: ['abcd-efgh-ijkl', 'mnop-qrst-uvwx'], me: aMe(['viewer']) });
    await settle();
    expect(Array.from(el.querySelectorAll('.codes code')).map(text)).toEqual([
      'abcd-efgh-ijkl',
      'mnop-qrst-uvwx',
    ]);
    expect(button('Continue')?.disabled).toBe(true);

    el.querySelector<HTMLInputElement>('.codes__confirm input[type="checkbox"]')?.click();
    await settle();
    button('Continue')?.click();
    await settle();
    expect(TestBed.inject(AuthStore).signedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/calendar');
  });

  it('opens the set-up of two-step sign-in for a session the organisation now requires it for', async () => {
    await setup({ reason: 'two-step-required', returnUrl: '/audit' });
    await settle();

    expect(text(el.querySelector('h1'))).toBe('Set up two-step sign-in');
    expect(text(el.querySelector('[role="status"]'))).toContain(
      'Your organisation now requires two-step sign-in. Set it up to continue.',
    );
    expect(el.querySelector('input[type="password"]')).toBeNull();
    http.expectOne('/api/auth/mfa/setup').flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUrl: 'otpauth://totp/Carecast:vic?secret=JBSWY3DPEHPK3PXP',
    });
    await settle();
    expect(text(el.querySelector('.secret'))).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('explains an expired session above the form', async () => {
    await setup({ reason: 'expired', returnUrl: '/audit' });
    const notice = el.querySelector('[role="status"]');
    expect(text(notice)).toBe('Your session ended after a period of inactivity. Sign in again to continue.');
  });

  it('shows the password rule the API refused next to the field', async () => {
    await setup();
    fill('Email', 'dana@riverside.example');
    fill('Password', 'x');
    button('Sign in')?.click();
    http.expectOne('/api/auth/sign-in').flush(
      {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Check the highlighted fields.',
        requestId: 'r',
        details: [
          { field: 'email', rule: 'isEmail', message: 'Enter an email address such as name@practice.org.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(el.querySelector('mat-error'))).toBe('Enter an email address such as name@practice.org.');
    expect(text(el.querySelector('.form-error'))).toBe('Check the highlighted field.');
  });
});
