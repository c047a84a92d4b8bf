import type { Queue } from 'bullmq';
import type { Clock } from '@carecast/server/core';
import type { ServiceHealth } from '@carecast/shared/contracts';
import type { HeartbeatService } from '../heartbeat/heartbeat.service';
import type { WorkerHeartbeatEntity } from '../heartbeat/worker-heartbeat.entity';
import type { DependencyProbe } from './dependency-probe.service';
import { SystemStatusService } from './system-status.service';

const NOW = new Date('2026-03-02T09:00:00Z');
const up: ServiceHealth = { status: 'up', latencyMs: 2 };
const down: ServiceHealth = { status: 'down', error: 'Redis is not reachable: connection is reconnecting' };

function build(opts: {
  postgres?: ServiceHealth;
  redis?: ServiceHealth;
  lastSeen?: Date | null;
  workers?: number;
}) {
  const probe = {
    postgres: jest.fn().mockResolvedValue(opts.postgres ?? up),
    redisPing: jest.fn().mockResolvedValue(opts.redis ?? up),
    heartbeatToleranceMs: 30_000,
  } as unknown as DependencyProbe;
  const latest = opts.lastSeen ? ({ lastSeenAt: opts.lastSeen } as WorkerHeartbeatEntity) : null;
  const heartbeats = { latest: jest.fn().mockResolvedValue(latest) } as unknown as HeartbeatService;
  const queue = { getWorkersCount: jest.fn().mockResolvedValue(opts.workers ?? 1) } as unknown as Queue;
  const clock: Clock = { now: () => NOW };
  return { service: new SystemStatusService(probe, heartbeats, queue, clock), heartbeats, queue };
}

describe('SystemStatusService', () => {
  it('reports the worker up when its heartbeat is recent', async () => {
    const { service } = build({ lastSeen: new Date(NOW.getTime() - 4_000), workers: 2 });
    const status = await service.status();
    expect(status.checkedAt).toBe(NOW.toISOString());
    expect(status.services.worker).toEqual({
      status: 'up',
      lastHeartbeatAt: '2026-03-02T08:59:56.000Z',
      secondsSinceHeartbeat: 4,
      activeWorkers: 2,
    });
  });

  it('reports the worker down, with the age, when the heartbeat is stale', async () => {
    const { service } = build({ lastSeen: new Date(NOW.getTime() - 95_000), workers: 0 });
    const worker = (await service.status()).services.worker;
    expect(worker.status).toBe('down');
    expect(worker.error).toBe('No heartbeat for 95 s. Check that the worker process is running.');
  });

  it('says so when no worker has ever reported', async () => {
    const { service } = build({ lastSeen: null });
    const worker = (await service.status()).services.worker;
    expect(worker).toMatchObject({ status: 'down', lastHeartbeatAt: null, secondsSinceHeartbeat: null });
    expect(worker.error).toMatch(/No worker has reported yet/);
  });

  it('does not query a dependency that is down, and explains the worker cannot run', async () => {
    const { service, queue } = build({ redis: down, lastSeen: new Date(NOW.getTime() - 1_000) });
    const status = await service.status();
    expect(status.services.redis).toEqual(down);
    expect(status.services.worker.status).toBe('down');
    expect(status.services.worker.error).toMatch(/PostgreSQL or Redis is down/);
    expect(queue.getWorkersCount).not.toHaveBeenCalled();
  });
});
