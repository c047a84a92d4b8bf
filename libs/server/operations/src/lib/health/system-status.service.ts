import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Clock, withTimeout } from '@carecast/server/core';
import { QueueName, type SystemStatus, type WorkerHealth } from '@carecast/shared/contracts';
import { HeartbeatService } from '../heartbeat/heartbeat.service';
import { DependencyProbe } from './dependency-probe.service';

const VERSION = '0.1.0';

/** The "system status" panel: Postgres, Redis and the worker, checked live. */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly probe: DependencyProbe,
    private readonly heartbeats: HeartbeatService,
    @InjectQueue(QueueName.System) private readonly systemQueue: Queue,
    private readonly clock: Clock,
  ) {}

  async status(): Promise<SystemStatus> {
    const [postgres, redis] = await Promise.all([this.probe.postgres(), this.probe.redisPing()]);
    const worker = await this.worker(postgres.status === 'up', redis.status === 'up');
    return {
      checkedAt: this.clock.now().toISOString(),
      version: VERSION,
      services: { postgres, redis, worker },
    };
  }

  private async worker(postgresUp: boolean, redisUp: boolean): Promise<WorkerHealth> {
    const latest = postgresUp ? await this.heartbeats.latest().catch(() => null) : null;
    const activeWorkers = redisUp
      ? await withTimeout(this.systemQueue.getWorkersCount(), 1_500, 'timeout').catch(() => 0)
      : 0;
    const now = this.clock.now().getTime();
    const ageMs = latest ? now - latest.lastSeenAt.getTime() : null;
    const base = {
      lastHeartbeatAt: latest?.lastSeenAt.toISOString() ?? null,
      secondsSinceHeartbeat: ageMs === null ? null : Math.max(0, Math.round(ageMs / 1000)),
      activeWorkers,
    };
    if (!postgresUp || !redisUp) {
      return {
        ...base,
        status: 'down',
        error: 'The worker cannot run jobs while PostgreSQL or Redis is down.',
      };
    }
    if (ageMs === null) {
      return { ...base, status: 'down', error: 'No worker has reported yet. Is the worker process running?' };
    }
    if (ageMs > this.probe.heartbeatToleranceMs) {
      return {
        ...base,
        status: 'down',
        error: `No heartbeat for ${base.secondsSinceHeartbeat} s. Check that the worker process is running.`,
      };
    }
    return { ...base, status: 'up' };
  }
}
