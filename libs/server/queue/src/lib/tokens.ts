/**
 * A plain Redis connection that fails fast instead of queueing commands while Redis is away:
 * for health checks and rate limits, which must answer now or not at all.
 */
export const REDIS_FAST_CLIENT = Symbol('REDIS_FAST_CLIENT');

/**
 * The ordinary Redis connection: reconnects and retries a command a few times while Redis comes
 * back, for short-lived application state (e.g. sign-ins with a platform in flight).
 */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
