import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { dataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction';

/**
 * The PostgreSQL connection of a process. Feature modules register their entities with
 * `TypeOrmModule.forFeature`; they are picked up automatically.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize }),
        autoLoadEntities: true,
        // Fail start-up quickly with the driver's message instead of retrying for minutes.
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
