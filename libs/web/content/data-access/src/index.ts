export * from './lib/composer-draft';
export * from './lib/composer.store';
export * from './lib/posts.service';
export * from './lib/posts.store';
export * from './lib/x-length';
export * from './lib/zoned-time';
