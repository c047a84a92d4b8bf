import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@carecast/shared/contracts';
import { TimeoutError } from 'rxjs';

/** Turns a failed API call into a sentence a user can act on. */
export function describeApiError(error: unknown): string {
  if (error instanceof TimeoutError) {
    return 'Cannot reach the Carecast API: it did not answer within a few seconds. It may be busy or restarting.';
  }
  if (!(error instanceof HttpErrorResponse)) {
    return `Cannot reach the Carecast API: ${error instanceof Error ? error.message : 'an unexpected error occurred'}.`;
  }
  if (error.status === 0) {
    return 'Cannot reach the Carecast API: the server did not answer. Check that it is running and that this device is online.';
  }
  const body = isApiErrorBody(error.error) ? error.error : null;
  if (body) {
    const reference = body.requestId
      ? ` If this keeps happening, quote request ${body.requestId} to support.`
      : '';
    return `The Carecast API could not answer: ${stripFinalStop(body.message)}.${reference}`;
  }
  // Every answer of the Carecast API itself carries an error body; a bare error status comes from
  // something in front of it (a proxy, the dev server, a load balancer) while the API is away.
  const answered = `${error.status}${error.statusText ? ` ${error.statusText}` : ''}`;
  if (error.status >= 500) {
    return `Cannot reach the Carecast API: the server answered ${answered}. It may be stopped or restarting.`;
  }
  return `Cannot reach the Carecast API: the address answered ${answered} instead of the API.`;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).message === 'string' &&
    (value as ApiErrorBody).message.length > 0
  );
}

function stripFinalStop(text: string): string {
  return text.trim().replace(/[.!]+$/, '');
}

/** The API's error body, when the failure carries one. */
export function apiErrorBody(error: unknown): ApiErrorBody | null {
  return error instanceof HttpErrorResponse && isApiErrorBody(error.error) ? error.error : null;
}

/** The API's machine-readable error class (`invalid_credentials`, `session_expired`, …), if any. */
export function apiErrorCode(error: unknown): string | null {
  return error instanceof HttpErrorResponse && typeof error.error?.error === 'string'
    ? error.error.error
    : null;
}

/**
 * The API's own sentence for an expected refusal (wrong password, too many attempts), or the
 * general explanation of an unexpected failure.
 */
export function userMessage(error: unknown): string {
  const body = apiErrorBody(error);
  if (body && body.statusCode < 500) return body.message;
  return describeApiError(error);
}

/** The HTTP status of a failed call, if it has one. */
export function errorStatus(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}
