import { Injectable } from '@nestjs/common';
import { Clock, TooManyAttemptsError } from '@carecast/server/core';
import { CredentialRepository } from './credential.repository';

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** Failures before a lock: per account, and per network address (an office shares one). */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 50;

export const throttleKeys = (email: string, ip: string | null) => ({
  account: `account:${email.trim().toLowerCase()}`,
  ip: ip ? `ip:${ip}` : null,
});

/** Failed sign-ins counted in PostgreSQL, so every api instance sees the same counts. */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(keys: Array<string | null>): Promise<void> {
    const now = this.clock.now();
    for (const key of keys) {
      if (!key) continue;
      const state = await this.credentials.throttle(key);
      if (state?.lockedUntil && state.lockedUntil > now) {
        const seconds = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
        throw new TooManyAttemptsError(
          `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes, or reset your password.`,
          seconds,
        );
      }
    }
  }

  /** Count a failure; true if it just locked the key. */
  async fail(key: string | null, limit: number): Promise<boolean> {
    if (!key) return false;
    const state = await this.credentials.recordFailure(key, this.clock.now(), WINDOW_MS, limit, LOCK_MS);
    return state.lockedUntil !== null && state.lockedUntil > this.clock.now() && state.failures >= limit;
  }

  clear(key: string): Promise<void> {
    return this.credentials.clearThrottle(key);
  }
}
