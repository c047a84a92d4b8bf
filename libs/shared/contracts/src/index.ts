export * from './lib/api-error';
export * from './lib/queues';
export * from './lib/system-status';
export * from './lib/audit';
export * from './lib/identity';
export * from './lib/permissions';
export * from './lib/channels';
export * from './lib/blog';
