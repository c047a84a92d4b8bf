import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { type AppConfig, ConfigModule } from '@carecast/server/config';
import { CoreModule, LoggingModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { OperationsModule } from '@carecast/server/operations';
import { QueueModule } from '@carecast/server/queue';
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
      ],
      controllers: [HealthController, MetricsController, SystemController],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
