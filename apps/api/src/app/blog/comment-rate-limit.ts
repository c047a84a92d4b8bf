import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { REDIS_FAST_CLIENT } from '@carecast/server/queue';

const WINDOW_MS = 60 * 60 * 1000;

// One round trip: count the comment in a fixed one-hour window that starts with the first one.
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export type CommentAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Comments per visitor address per hour (BLOG_COMMENTS_PER_HOUR), counted in Redis so every api
 * instance shares the count. Keys hold a keyed hash of the address, never the address. If Redis
 * is away, comments are let through (they are held for moderation anyway).
 */
@Injectable()
export class CommentRateLimit {
  private readonly logger = new Logger(CommentRateLimit.name);
  private lastFailureLog = 0;

  constructor(
    @Inject(REDIS_FAST_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Count one comment from this (hashed) address; refused once the hour's allowance is spent. */
  async take(addressHash: string | null): Promise<CommentAllowance> {
    if (!addressHash) return { allowed: true };
    const key = `${this.config.redis.prefix}:blog:comments:${addressHash}`;
    try {
      const [count, ttlMs] = (await this.redis.eval(COUNT, 1, key, WINDOW_MS)) as [number, number];
      if (count <= this.config.blog.commentsPerHourPerIp) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(ttlMs, 0) / 1000)) };
    } catch (err) {
      if (Date.now() - this.lastFailureLog > 60_000) {
        this.lastFailureLog = Date.now();
        this.logger.warn(`Blog comment limit is off while Redis is unavailable: ${(err as Error).message}`);
      }
      return { allowed: true };
    }
  }
}
