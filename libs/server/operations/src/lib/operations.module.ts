import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HeartbeatRepository } from './heartbeat/heartbeat.repository';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { WorkerHeartbeatEntity } from './heartbeat/worker-heartbeat.entity';
import { DependencyProbe } from './health/dependency-probe.service';
import { SystemStatusService } from './health/system-status.service';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

/** Health, metrics and the worker heartbeat. Needs the config, core, database and queue modules. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkerHeartbeatEntity])],
  providers: [
    HeartbeatRepository,
    HeartbeatService,
    DependencyProbe,
    SystemStatusService,
    MetricsService,
    HttpMetricsMiddleware,
  ],
  exports: [HeartbeatService, DependencyProbe, SystemStatusService, MetricsService, HttpMetricsMiddleware],
})
export class OperationsModule {}
