export * from './lib/composer/composer-page';
export * from './lib/posts-list/posts-page';
export * from './lib/posts.routes';
