import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock, withTimeout } from '@carecast/server/core';
import { REDIS_FAST_CLIENT } from '@carecast/server/queue';
import type { ServiceHealth } from '@carecast/shared/contracts';
import { HeartbeatRepository } from '../heartbeat/heartbeat.repository';

const PROBE_TIMEOUT_MS = 1_500;

/** Checks each dependency with a bounded round trip and says, in words, what is wrong. */
@Injectable()
export class DependencyProbe {
  constructor(
    private readonly heartbeats: HeartbeatRepository,
    @Inject(REDIS_FAST_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  postgres(): Promise<ServiceHealth> {
    return this.timed('PostgreSQL', () => this.heartbeats.ping());
  }

  redisPing(): Promise<ServiceHealth> {
    return this.timed('Redis', async () => {
      if (this.redis.status !== 'ready') throw new Error(`connection is ${this.redis.status}`);
      await this.redis.ping();
    });
  }

  /** How old a heartbeat may be before the worker counts as down. */
  get heartbeatToleranceMs(): number {
    return Math.max(3 * this.config.worker.heartbeatIntervalMs, 30_000);
  }

  private async timed(name: string, check: () => Promise<void>): Promise<ServiceHealth> {
    const started = this.clock.now().getTime();
    try {
      await withTimeout(check(), PROBE_TIMEOUT_MS, `no answer within ${PROBE_TIMEOUT_MS} ms`);
      return { status: 'up', latencyMs: this.clock.now().getTime() - started };
    } catch (err) {
      return { status: 'down', error: `${name} is not reachable: ${(err as Error).message}` };
    }
  }
}
