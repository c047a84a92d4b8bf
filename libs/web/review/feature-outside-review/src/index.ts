export * from './lib/outside-review-page';
export * from './lib/outside-review.routes';
