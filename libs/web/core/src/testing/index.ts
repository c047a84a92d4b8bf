export * from './me.fixtures';
