export * from './lib/blog.module';
export type * from './lib/blog.types';
export * from './lib/blog-comments.service';
export * from './lib/blog-feeds';
export * from './lib/blog-pages';
export * from './lib/blog-posts.service';
// Plain text to escaped HTML, shared with the WordPress channel.
export { escapeHtml } from './lib/html';
export { paragraphs } from './lib/blog-text';
