import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@carecast/server/config';
import { AuditModule } from '@carecast/server/audit';
import { CoreModule, LoggingModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { IdentityModule } from '@carecast/server/identity';
import { NotifyModule } from '@carecast/server/notify';
import { OperationsModule } from '@carecast/server/operations';
import { QueueModule } from '@carecast/server/queue';
import { ReviewModule } from '@carecast/server/review';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler';
import { AuditProcessor } from './audit.processor';
import { HeartbeatScheduler } from './heartbeat.scheduler';
import { MailProcessor } from './mail.processor';
import { NotificationMailScheduler } from './notification-mail.scheduler';
import { PostExpiryScheduler } from './post-expiry.scheduler';
import { ReviewProcessor } from './review.processor';
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
        AuditModule,
        IdentityModule,
        NotifyModule,
        ReviewModule,
      ],
      providers: [
        SystemProcessor,
        HeartbeatScheduler,
        AuditProcessor,
        AuditCheckpointScheduler,
        MailProcessor,
        NotificationMailScheduler,
        ReviewProcessor,
        PostExpiryScheduler,
      ],
    };
  }
}
