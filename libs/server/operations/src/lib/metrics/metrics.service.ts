import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from '@carecast/server/core';
import { QueueName } from '@carecast/shared/contracts';

const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;
const COLLECT_TIMEOUT_MS = 1_000;

/** Prometheus metrics of this process: HTTP latency, queue depth and outcomes, Node.js process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'carecast_http_request_duration_seconds',
    help: 'HTTP request latency by method, matched route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(private readonly moduleRef: ModuleRef) {
    collectDefaultMetrics({ register: this.registry, prefix: 'carecast_' });
    const queues = () =>
      Object.values(QueueName).map((name) =>
        this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
      );

    new Gauge({
      name: 'carecast_queue_jobs',
      help: 'Jobs currently in each queue, by state (read from Redis at scrape time).',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues()) {
          const counts = await withTimeout(
            queue.getJobCounts(...JOB_STATES),
            COLLECT_TIMEOUT_MS,
            'timeout',
          ).catch(() => null);
          if (!counts) continue;
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });

    new Counter({
      name: 'carecast_queue_jobs_finished_total',
      help: 'Jobs finished by the workers of each queue, by outcome (completed or failed).',
      labelNames: ['queue', 'outcome'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues()) {
          for (const outcome of ['completed', 'failed'] as const) {
            const metrics = await withTimeout(
              queue.getMetrics(outcome, 0, 0),
              COLLECT_TIMEOUT_MS,
              'timeout',
            ).catch(() => null);
            if (metrics) this.inc({ queue: queue.name, outcome }, Number(metrics.meta.count) || 0);
          }
        }
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
