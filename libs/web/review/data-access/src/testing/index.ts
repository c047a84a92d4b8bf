export * from './review.fixtures';
