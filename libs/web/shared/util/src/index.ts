export * from './lib/forms/changed-or-submitted-error-state-matcher';
export * from './lib/forms/server-errors';
export * from './lib/forms/submission';
export * from './lib/http/api-error-message';
export * from './lib/navigation/external-navigation';
export * from './lib/time/organisation';
export * from './lib/time/time-format';
