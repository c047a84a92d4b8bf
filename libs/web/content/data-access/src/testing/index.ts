export * from './post.fixtures';
