export * from './lib/check-types';
export * from './lib/check-content';
export * from './lib/check-reply';
export { capFindings, MAX_FINDINGS_PER_RULE_AND_FIELD } from './lib/text/finding-cap';
export * from './lib/evaluation/labelled-score';
