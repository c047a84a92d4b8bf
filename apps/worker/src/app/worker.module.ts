import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@carecast/server/config';
import { CoreModule, LoggingModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { OperationsModule } from '@carecast/server/operations';
import { QueueModule } from '@carecast/server/queue';
import { HeartbeatScheduler } from './heartbeat.scheduler';
import { SystemProcessor } from './system.processor';

/** The worker: BullMQ processors and repeatable schedules; no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot(),
        OperationsModule,
      ],
      providers: [SystemProcessor, HeartbeatScheduler],
    };
  }
}
