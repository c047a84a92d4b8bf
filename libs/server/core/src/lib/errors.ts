import type { FieldViolation } from '@carecast/shared/contracts';

/**
 * Base of every expected failure of the domain. The api maps each subclass to one HTTP status
 * (see the api's exception filter); anything else is a bug and answers 500.
 */
export abstract class DomainError extends Error {
  /** Short machine-readable class, sent to clients as `error`. */
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or belongs to another organisation (never tell the two apart). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request breaks a rule of a field; `violations` names each field and rule. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';

  constructor(
    message: string,
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
  }
}

/** The request is well-formed but conflicts with the current state. */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The thing existed but is gone for good: a single-use link used, or expired. */
export class GoneError extends DomainError {
  readonly code = 'gone';
}

/** A dependency (database, Redis, a platform) is not answering. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'dependency_unavailable';

  /** `retryAfterSeconds`: when to try again, sent as Retry-After; null when nobody knows. */
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** No valid session: not signed in, signed out, or the session expired. */
export class UnauthenticatedError extends DomainError {
  constructor(
    message: string,
    readonly code:
      'unauthenticated' | 'session_expired' | 'invalid_credentials' | 'invalid_code' = 'unauthenticated',
  ) {
    super(message);
  }
}

/** Signed in, but not allowed to do this here. */
export class ForbiddenError extends DomainError {
  constructor(
    message: string,
    readonly code: 'forbidden' | 'csrf_failed' | 'mfa_required' = 'forbidden',
  ) {
    super(message);
  }
}

/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'too_many_attempts';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
