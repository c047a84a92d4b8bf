/** Whether a dependency answered its last check. */
export type ServiceState = 'up' | 'down';

export interface ServiceHealth {
  status: ServiceState;
  /** Round-trip time of the check, in milliseconds (absent when the check failed). */
  latencyMs?: number;
  /** What went wrong, in plain words (absent when up). */
  error?: string;
}

export interface WorkerHealth extends ServiceHealth {
  /** When the newest heartbeat job was processed by a worker (ISO 8601), or null if never. */
  lastHeartbeatAt: string | null;
  /** Age of that heartbeat in whole seconds, or null if never. */
  secondsSinceHeartbeat: number | null;
  /** Worker processes currently connected to the queue. */
  activeWorkers: number;
}

/** `GET /api/system/status`: live health of what the product depends on. */
export interface SystemStatus {
  checkedAt: string;
  version: string;
  services: {
    postgres: ServiceHealth;
    redis: ServiceHealth;
    worker: WorkerHealth;
  };
}

/** `POST /api/system/heartbeat`: a heartbeat job was queued. */
export interface HeartbeatRequested {
  jobId: string;
  requestId: string;
}
