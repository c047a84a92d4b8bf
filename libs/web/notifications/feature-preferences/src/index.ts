export * from './lib/notification-preferences.routes';
