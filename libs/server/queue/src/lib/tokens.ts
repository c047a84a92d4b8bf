/** A plain Redis connection for health checks: fails fast instead of queueing commands while down. */
export const REDIS_HEALTH_CLIENT = Symbol('REDIS_HEALTH_CLIENT');
