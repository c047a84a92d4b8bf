import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { provideFormFields } from './changed-or-submitted-error-state-matcher';
import { readyToSubmit } from './submission';

/** Two required fields in a form, and one field outside any form (submitted by a button). */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="submitted.set(true)" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Email</mat-label>
        <input matInput id="email" formControlName="email" type="email" required />
        <mat-error>Enter an email address.</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Password</mat-label>
        <input matInput id="password" formControlName="password" type="password" required />
        <mat-error>Enter the password.</mat-error>
      </mat-form-field>
      <button id="submit" type="submit">Sign in</button>
    </form>
    <mat-form-field appearance="outline">
      <mat-label>Code</mat-label>
      <input matInput id="code" [formControl]="code" required />
      <mat-error>Enter the code.</mat-error>
    </mat-form-field>
    <button id="confirm" type="button" (click)="confirm()">Confirm</button>
  `,
})
class TwoForms {
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  readonly submitted = signal(false);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  confirm(): void {
    readyToSubmit(this.code, this);
  }
}

describe('ChangedOrSubmittedErrorStateMatcher (provideFormFields)', () => {
  let fixture: ComponentFixture<TwoForms>;
  let el: HTMLElement;

  const input = (id: string) => {
    const found = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!found) throw new Error(`no input #${id}`);
    return found;
  };
  const red = () =>
    Array.from(el.querySelectorAll('mat-form-field.mat-form-field-invalid input')).map((i) => i.id);
  const errors = () => Array.from(el.querySelectorAll('mat-error')).map((e) => e.textContent?.trim());
  const tabPast = async (id: string) => {
    input(id).dispatchEvent(new FocusEvent('focus'));
    input(id).dispatchEvent(new FocusEvent('blur'));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideFormFields()] });
    fixture = TestBed.createComponent(TwoForms);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  it('leaves required fields that were only tabbed past unmarked', async () => {
    await tabPast('email');
    await tabPast('password');
    await tabPast('code');
    expect(fixture.componentInstance.form.controls.email.touched).toBe(true);
    expect(red()).toEqual([]);
    expect(errors()).toEqual([]);
    expect(input('email').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('marks a field once its value changed and it was left', async () => {
    input('email').value = 'not-an-email';
    input('email').dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(red()).toEqual([]); // still typing
    await tabPast('email');
    expect(red()).toEqual(['email']);
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
  });

  it('marks every invalid field of a form once it is submitted, touched or not', async () => {
    el.querySelector<HTMLButtonElement>('#submit')?.click();
    await fixture.whenStable();
    expect(red()).toEqual(['email', 'password']);
    expect(errors()).toEqual(['Enter an email address.', 'Enter the password.']);
  });

  it('marks a field outside a form once the submission helper tried it', async () => {
    el.querySelector<HTMLButtonElement>('#confirm')?.click();
    await fixture.whenStable();
    expect(red()).toEqual(['code']);
  });
});
