/**
 * What went wrong talking to a platform, classified so the caller knows what to do next
 * (architecture.md, publishing flow step 4). Adapters translate platform errors into these.
 */
export abstract class ChannelError extends Error {
  abstract readonly kind: 'retryable' | 'auth' | 'invalid' | 'duplicate' | 'unknown_outcome';

  constructor(
    message: string,
    /** The platform's own words, for the record (never shown raw to patients). */
    readonly platformMessage: string | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Try again later: 5xx, timeouts before sending, rate limits. */
export class RetryableError extends ChannelError {
  readonly kind = 'retryable';

  constructor(
    message: string,
    /** When to try again (from the platform's reset headers), if it said. */
    readonly retryAfterMs: number | null = null,
    platformMessage: string | null = null,
  ) {
    super(message, platformMessage);
  }
}

/** The connection's credentials no longer work: the channel needs reconnecting; never retry. */
export class AuthError extends ChannelError {
  readonly kind = 'auth';
}

/** The platform refused the content itself (too long, bad parameter). */
export class InvalidContentError extends ChannelError {
  readonly kind = 'invalid';
}

/** The platform already has this exact post. */
export class DuplicateError extends ChannelError {
  readonly kind = 'duplicate';
}

/** The request may or may not have been carried out (e.g. the connection dropped after sending). */
export class UnknownOutcomeError extends ChannelError {
  readonly kind = 'unknown_outcome';
}
