export * from './lib/job-producer.service';
export * from './lib/queue.module';
export * from './lib/tokens';
export * from './lib/redis-throttler.storage';
