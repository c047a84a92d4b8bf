import { RetryableError, UnknownOutcomeError } from '../channel-errors';

/** Network errors that mean the request never left (safe to retry). */
export const NOT_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * fetch() for adapters: a request that fails before it was sent is retryable; a write whose
 * connection broke after sending has an unknown outcome (check the platform before any retry).
 */
export async function platformFetch(
  platform: string,
  url: URL | string,
  init: RequestInit,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const code = (err as { cause?: NodeJS.ErrnoException }).cause?.code ?? (err as Error).name;
    const method = (init.method ?? 'GET').toUpperCase();
    if (method === 'GET' || NOT_SENT.has(code))
      throw new RetryableError(`${platform} could not be reached (${code}).`);
    throw new UnknownOutcomeError(
      `The connection to ${platform} broke after the request was sent (${code}): it may or may not have been carried out.`,
    );
  }
}
