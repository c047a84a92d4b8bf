import type { AbstractControl, FormGroup } from '@angular/forms';
import { apiErrorBody, userMessage } from '../http/api-error-message';

/** The error key under which a control carries the API's refusal of its value. */
export const SERVER_ERROR = 'server';

/**
 * Puts the API's per-field refusals (`details[].field`, dotted paths) on the matching controls of
 * the form, as a `server` error holding the API's message, and marks them touched and dirty so
 * they show.
 * Returns what to say about the form as a whole: the refusals that match no control, or the
 * API's message.
 */
export function applyServerErrors(form: FormGroup, error: unknown): string {
  const body = apiErrorBody(error);
  if (!body) return userMessage(error);
  const unmatched: string[] = [];
  let matched = 0;
  for (const detail of body.details ?? []) {
    const control = form.get(detail.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: detail.message });
      control.markAsTouched();
      control.markAsDirty();
      matched++;
    } else {
      unmatched.push(detail.message);
    }
  }
  if (unmatched.length) return unmatched.map(sentence).join(' ');
  if (matched) return matched === 1 ? 'Check the highlighted field.' : 'Check the highlighted fields.';
  return userMessage(error);
}

/** What is wrong with a control's value, in words, for its `<mat-error>`. */
export function fieldError(control: AbstractControl | null, label: string): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (typeof errors[SERVER_ERROR] === 'string') return sentence(errors[SERVER_ERROR]);
  if (errors['required']) return `Enter the ${label.toLowerCase()}.`;
  if (errors['email']) return 'Enter an email address such as name@practice.org.';
  if (errors['minlength']) return `Use at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['min']) return `Enter ${errors['min'].min} or more.`;
  if (errors['max']) return `Enter ${errors['max'].max} or less.`;
  if (errors['pattern']) return `Check the ${label.toLowerCase()}.`;
  return `Check the ${label.toLowerCase()}.`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
