export * from './lib/review.routes';
export * from './lib/review-queue-page';
