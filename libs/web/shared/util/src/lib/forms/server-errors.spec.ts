import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { applyServerErrors, fieldError } from './server-errors';

const refusal = (details: { field: string; rule: string; message: string }[], status = 422) =>
  new HttpErrorResponse({
    status,
    error: {
      statusCode: status,
      error: 'validation_failed',
      message: 'Check the highlighted fields.',
      requestId: 'r1',
      details,
    },
  });

describe('applyServerErrors', () => {
  const form = () =>
    new FormGroup({
      displayName: new FormControl('Jo', { nonNullable: true }),
      password: new FormControl('password1234', { nonNullable: true, validators: [Validators.required] }),
      settings: new FormGroup({ timeout: new FormControl(900) }),
    });

  it("puts each refusal on its field, in the API's words, and shows it", () => {
    const f = form();
    const summary = applyServerErrors(
      f,
      refusal([{ field: 'password', rule: 'commonPassword', message: 'this password is too common' }]),
    );

    expect(f.controls.password.errors).toEqual({ server: 'this password is too common' });
    expect(f.controls.password.touched).toBe(true);
    expect(fieldError(f.controls.password, 'password')).toBe('This password is too common.');
    expect(f.controls.displayName.errors).toBeNull();
    expect(summary).toBe('Check the highlighted field.');
  });

  it('follows dotted paths into nested groups', () => {
    const f = form();
    applyServerErrors(f, refusal([{ field: 'settings.timeout', rule: 'max', message: 'At most 720.' }]));
    expect(f.get('settings.timeout')?.errors).toEqual({ server: 'At most 720.' });
  });

  it('says the refusals that match no field in the summary instead', () => {
    const f = form();
    const summary = applyServerErrors(
      f,
      refusal([
        { field: 'roles', rule: 'lastAdmin', message: 'keep at least one administrator' },
        { field: 'password', rule: 'minLength', message: 'Use at least 12 characters.' },
      ]),
    );
    expect(summary).toBe('Keep at least one administrator.');
    expect(f.controls.password.errors).toEqual({ server: 'Use at least 12 characters.' });
  });

  it('clears the server error once the value changes', () => {
    const f = form();
    applyServerErrors(f, refusal([{ field: 'password', rule: 'commonPassword', message: 'Too common.' }]));
    f.controls.password.setValue('Ledger-Harbor-Maple-42');
    expect(f.controls.password.errors).toBeNull();
  });

  it("uses the API's message when there are no details, and explains an unreachable API", () => {
    const f = form();
    const tooMany = new HttpErrorResponse({
      status: 429,
      error: {
        statusCode: 429,
        error: 'too_many_attempts',
        message: 'Try again in 15 minutes.',
        requestId: 'r',
      },
    });
    expect(applyServerErrors(f, tooMany)).toBe('Try again in 15 minutes.');
    expect(applyServerErrors(f, new HttpErrorResponse({ status: 0 }))).toMatch(
      /^Cannot reach the Carecast API/,
    );
  });
});
