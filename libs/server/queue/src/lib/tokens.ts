/**
 * A plain Redis connection that fails fast instead of queueing commands while Redis is away:
 * for health checks and rate limits, which must answer now or not at all.
 */
export const REDIS_FAST_CLIENT = Symbol('REDIS_FAST_CLIENT');
