import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import {
  AuthError,
  ChannelError,
  DuplicateError,
  InvalidContentError,
  RetryableError,
  UnknownOutcomeError,
} from '../../channel-errors';
import { NOT_SENT } from '../platform-fetch';

function detailOf(data: unknown): string | null {
  if (data && typeof data === 'object') {
    const d = data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown }> };
    if (typeof d.detail === 'string') return d.detail;
    if (Array.isArray(d.errors) && typeof d.errors[0]?.message === 'string') return d.errors[0].message;
    if (typeof d.title === 'string') return d.title;
  }
  return null;
}

/** Translate what twitter-api-v2 threw into the channel error classes. */
export function xError(err: unknown, wrote: boolean, now: () => number): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof ApiResponseError) {
    const detail = detailOf(err.data);
    if (err.rateLimitError || err.code === 429) {
      const resetMs = err.rateLimit?.reset ? err.rateLimit.reset * 1000 - now() : null;
      return new RetryableError(
        'X rate limit reached.',
        resetMs !== null ? Math.max(resetMs, 1_000) : 60_000,
        detail,
      );
    }
    if (err.isAuthError || err.code === 401) {
      return new AuthError('X no longer accepts this connection: reconnect the account.', detail);
    }
    if (err.code === 403 && detail?.includes('duplicate content')) {
      return new DuplicateError('X already has a post with exactly this text.', detail);
    }
    if (err.code >= 500) return new RetryableError(`X answered ${err.code}.`, null, detail);
    return new InvalidContentError(`X refused the request: ${detail ?? `HTTP ${err.code}`}`, detail);
  }
  if (err instanceof ApiRequestError) {
    const code = (err.requestError as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (NOT_SENT.has(code) || !wrote)
      return new RetryableError(`X could not be reached (${code || err.message}).`);
    return new UnknownOutcomeError(
      `The connection to X broke after the request was sent (${code || err.message}): it may or may not have been published.`,
    );
  }
  return new RetryableError(`Unexpected error talking to X: ${(err as Error)?.message ?? String(err)}`);
}
