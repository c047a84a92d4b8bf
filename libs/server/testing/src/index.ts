export * from './lib/redis-server';
export * from './lib/test-config';
export * from './lib/test-database';
export * from './lib/test-redis';
export * from './lib/eventually';
export * from './lib/sandbox-process';
export * from './lib/manual-clock';
export * from './lib/inline-transaction-runner';
