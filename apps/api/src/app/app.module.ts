import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@carecast/server/config';
import { CoreModule, LoggingModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { OperationsModule } from '@carecast/server/operations';
import { QueueModule, RedisThrottlerStorage } from '@carecast/server/queue';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { HealthController } from './operations/health.controller';
import { MetricsController } from './operations/metrics.controller';
import { SystemController } from './operations/system.controller';

/** The HTTP API: controllers only; every rule lives in the libraries' services. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot(),
        TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
        OperationsModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, RedisThrottlerStorage],
          useFactory: (c: AppConfig, storage: RedisThrottlerStorage) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: c.http.rateLimitPerMinute }],
            storage,
          }),
        }),
      ],
      controllers: [HealthController, MetricsController, SystemController],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }
}
