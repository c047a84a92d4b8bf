export * from './lib/check-types';
export * from './lib/check-content';
export * from './lib/check-reply';
export * from './lib/evaluation/labelled-score';
