export * from './lib/api-error';
export * from './lib/queues';
export * from './lib/system-status';
