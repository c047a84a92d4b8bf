export * from './lib/post-page';
