import type { ServiceHealth, SystemStatus, WorkerHealth } from '@carecast/shared/contracts';

/** A status with everything up; pass overrides per service. */
export function aSystemStatus(
  overrides: {
    postgres?: Partial<ServiceHealth>;
    redis?: Partial<ServiceHealth>;
    worker?: Partial<WorkerHealth>;
  } = {},
): SystemStatus {
  return {
    checkedAt: '2026-03-02T14:41:05.000Z',
    version: '0.1.0',
    services: {
      postgres: { status: 'up', latencyMs: 3, ...overrides.postgres },
      redis: { status: 'up', latencyMs: 1, ...overrides.redis },
      worker: {
        status: 'up',
        latencyMs: 7,
        lastHeartbeatAt: '2026-03-02T14:40:53.000Z',
        secondsSinceHeartbeat: 12,
        activeWorkers: 2,
        ...overrides.worker,
      },
    },
  };
}

export const WORKER_DOWN = aSystemStatus({
  worker: {
    status: 'down',
    latencyMs: undefined,
    error: 'No worker has answered a heartbeat for 95 seconds.',
    secondsSinceHeartbeat: 95,
    activeWorkers: 0,
  },
});
