import {
  DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { QueueName } from '@carecast/shared/contracts';
import { JobProducer } from './job-producer.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { REDIS_CLIENT, REDIS_FAST_CLIENT } from './tokens';

const ALL_QUEUES = Object.values(QueueName);

/**
 * BullMQ on Redis: the shared connection settings, every queue of the product, a typed
 * producer, a fail-fast Redis client for health checks and an ordinary one for application state.
 */
@Module({})
export class QueueModule implements OnModuleInit, OnApplicationShutdown {
  private static readonly logger = new Logger('Redis');

  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.redis.url },
            prefix: config.redis.prefix,
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        JobProducer,
        RedisThrottlerStorage,
        {
          provide: REDIS_FAST_CLIENT,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const client = new Redis(config.redis.url, {
              lazyConnect: true,
              enableOfflineQueue: false,
              maxRetriesPerRequest: 0,
              connectTimeout: 2_000,
              commandTimeout: 1_000,
              retryStrategy: (times) => Math.min(times * 200, 2_000),
            });
            let lastError = '';
            client.on('error', (err: Error) => {
              if (err.message !== lastError) QueueModule.logger.warn(`Redis unavailable: ${err.message}`);
              lastError = err.message;
            });
            client.on('ready', () => (lastError = ''));
            client.connect().catch(() => undefined);
            return client;
          },
        },
        {
          provide: REDIS_CLIENT,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const client = new Redis(config.redis.url, {
              lazyConnect: true,
              maxRetriesPerRequest: 3,
              connectTimeout: 5_000,
              retryStrategy: (times) => Math.min(times * 200, 2_000),
            });
            // The fast client already reports Redis being away; this one only must not crash on it.
            client.on('error', () => undefined);
            client.connect().catch(() => undefined);
            return client;
          },
        },
      ],
      exports: [BullModule, JobProducer, RedisThrottlerStorage, REDIS_FAST_CLIENT, REDIS_CLIENT],
    };
  }

  constructor(
    @Inject(REDIS_FAST_CLIENT) private readonly fastClient: Redis,
    @Inject(REDIS_CLIENT) private readonly client: Redis,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** BullMQ queues emit 'error' while Redis is away; log them instead of crashing the process. */
  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (err) => QueueModule.logger.warn(`Queue ${name}: ${err.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.fastClient.disconnect();
    this.client.disconnect();
  }
}
