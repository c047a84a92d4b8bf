import { Injectable, type Provider } from '@angular/core';
import type { AbstractControl, FormGroupDirective, NgForm } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import {
  MAT_FORM_FIELD_DEFAULT_OPTIONS,
  type MatFormFieldDefaultOptions,
} from '@angular/material/form-field';

/**
 * When a field shows its error: once its form was submitted, or once the person changed its value
 * and left it. Tabbing past an untouched field (Material's default: touched is enough) shows
 * nothing. Controls outside a form directive count as submitted when they are marked dirty and
 * touched on submit (`readyToSubmit`).
 */
@Injectable()
export class ChangedOrSubmittedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    if (!control?.invalid) return false;
    return (control.dirty && control.touched) || !!form?.submitted;
  }
}

/**
 * How every Material field of the app behaves: it shows its error once changed and left, or on
 * submit (not for being tabbed past), and a hint or error longer than a line makes room for itself
 * rather than covering what follows the field.
 */
export function provideFormFields(): Provider[] {
  return [
    { provide: ErrorStateMatcher, useClass: ChangedOrSubmittedErrorStateMatcher },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { subscriptSizing: 'dynamic' } satisfies MatFormFieldDefaultOptions,
    },
  ];
}
