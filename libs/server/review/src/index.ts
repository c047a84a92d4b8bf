export * from './lib/review.module';
export * from './lib/review-workflow.service';
export * from './lib/review-state.service';
export * from './lib/review-comments.service';
export * from './lib/finding-overrides.service';
export * from './lib/outside-review.service';
export * from './lib/post-expiry.service';
export * from './lib/publish-handoff';
export type { ReviewActor } from './lib/review.types';
