import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { REDIS_CLIENT } from '@carecast/server/queue';
import type { LinkProbeResult } from './link-probe';

/**
 * What a link answered, remembered in Redis for a while (LINK_CHECK_CACHE_SECONDS), so a post
 * checked at every save does not ask the same site again and again. "No answer" is remembered
 * only briefly (LINK_CHECK_UNCHECKED_CACHE_SECONDS: the machine may be offline only now), so the
 * views and review steps of one post do not each wait for the same silent site. While Redis is
 * away links are simply asked again.
 */
@Injectable()
export class LinkCheckCache {
  private readonly logger = new Logger(LinkCheckCache.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(url: string): Promise<LinkProbeResult | null> {
    try {
      const raw = await this.redis.get(this.key(url));
      return raw ? (JSON.parse(raw) as LinkProbeResult) : null;
    } catch (err) {
      this.logger.warn(`link check cache unavailable: ${(err as Error).message}`);
      return null;
    }
  }

  async set(url: string, result: LinkProbeResult): Promise<void> {
    const { linkCheckCacheSeconds, linkCheckUncheckedCacheSeconds } = this.config.compliance;
    const seconds = result.kind === 'unreachable' ? linkCheckUncheckedCacheSeconds : linkCheckCacheSeconds;
    try {
      await this.redis.set(this.key(url), JSON.stringify(result), 'EX', seconds);
    } catch (err) {
      this.logger.warn(`link check cache unavailable: ${(err as Error).message}`);
    }
  }

  private key(url: string): string {
    return `${this.config.redis.prefix}:link-check:${createHash('sha256').update(url).digest('hex')}`;
  }
}
