import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ResetPasswordPage } from './reset-password-page';

describe('ResetPasswordPage', () => {
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it("shows the API's password rule next to the field, then confirms the change", async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', 'tok-1');
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    const input = el.querySelector<HTMLInputElement>('input[type="password"]');
    if (!input) throw new Error('no password field');
    const submit = () => el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();

    input.value = 'password1234';
    input.dispatchEvent(new Event('input'));
    submit();
    const req = http.expectOne('/api/auth/password-reset/complete');
    expect(req.request.body).toEqual({ token: 'tok-1', password: 'password1234' });
    req.flush(
      {
        statusCode: 422,
        error: 'validation_failed',
        message: 'Choose a stronger password.',
        requestId: 'r',
        details: [
          {
            field: 'password',
            rule: 'commonPassword',
            message: 'This password is too common: choose another',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(text(el.querySelector('mat-error'))).toBe('This password is too common: choose another.');

    input.value = 'Ledger-Harbor-Maple-42';
    input.dispatchEvent(new Event('input'));
    submit();
    http
      .expectOne('/api/auth/password-reset/complete')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(text(el.querySelector('[role="status"]'))).toContain('Your password is changed');
    http.verify();
  });
});
