export * from './lib/field-label';
export * from './lib/findings-list';
export * from './lib/highlight';
export * from './lib/marked-text';
export * from './lib/post-preview';
export * from './lib/mention-text';
