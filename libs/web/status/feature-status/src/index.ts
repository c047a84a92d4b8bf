export * from './lib/status.routes';
