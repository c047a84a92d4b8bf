export * from './lib/channels.routes';
