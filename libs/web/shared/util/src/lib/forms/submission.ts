import type { WritableSignal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { userMessage } from '../http/api-error-message';

/** The state a form shows while it is sent: whether a request is out, and what went wrong. */
export interface Submission {
  readonly busy: WritableSignal<boolean>;
  readonly error: WritableSignal<string | null>;
}

/**
 * Marks every control as tried (touched and dirty), so the errors of fields the person skipped show
 * now that they submitted (see ChangedOrSubmittedErrorStateMatcher).
 */
export function markSubmitted(form: AbstractControl): void {
  form.markAllAsTouched();
  form.markAllAsDirty();
}

/** Marks the form submitted so its errors show; true when it is valid and not already being sent. */
export function readyToSubmit(form: AbstractControl, submission: Submission): boolean {
  markSubmitted(form);
  return !form.invalid && !submission.busy();
}

/**
 * Sends a form: busy while `send` runs, the previous error cleared, and a failure put into words by
 * `explain` (the API's message by default; `null` for no message).
 */
export async function runSubmission(
  submission: Submission,
  send: () => Promise<unknown>,
  explain: (error: unknown) => string | null = userMessage,
): Promise<void> {
  submission.busy.set(true);
  submission.error.set(null);
  try {
    await send();
  } catch (error: unknown) {
    submission.error.set(explain(error));
  } finally {
    submission.busy.set(false);
  }
}
