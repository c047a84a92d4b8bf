export * from './lib/post-actions';
export * from './lib/post-review.store';
export * from './lib/review-queue.store';
export * from './lib/review.service';
