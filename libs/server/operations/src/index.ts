export * from './lib/heartbeat/heartbeat.service';
export * from './lib/heartbeat/worker-heartbeat.entity';
export * from './lib/health/dependency-probe.service';
export * from './lib/health/system-status.service';
export * from './lib/metrics/http-metrics.middleware';
export * from './lib/metrics/metrics.service';
export * from './lib/operations.module';
