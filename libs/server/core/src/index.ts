export * from './lib/clock';
export * from './lib/errors';
export * from './lib/request-id';
export * from './lib/with-timeout';
export * from './lib/core.module';
export * from './lib/logging.module';
export * from './lib/secret-box';
export * from './lib/text-characters';
