export * from './notification.fixtures';
