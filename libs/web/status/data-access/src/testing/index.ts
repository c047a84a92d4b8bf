export * from './system-status.fixtures';
