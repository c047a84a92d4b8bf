import type { Finding } from '@carecast/shared/contracts';
import { blockingNotOverridden, inForce, overrideMatches } from './overrides-in-force';

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'phi.phone',
  severity: 'block',
  message: 'A phone number.',
  field: 'text',
  span: { start: 0, end: 12 },
  excerpt: '555-010-0199',
  suggestion: null,
  ...over,
});

describe('overrides', () => {
  const override = { rule: 'phi.phone' as const, field: 'text', excerpt: '555-010-0199' };

  it('match a finding of the same rule, field and words only', () => {
    expect(overrideMatches(override, finding())).toBe(true);
    expect(overrideMatches(override, finding({ excerpt: '555-010-0200' }))).toBe(false);
    expect(overrideMatches(override, finding({ field: 'spanish.text' }))).toBe(false);
    expect(overrideMatches(override, finding({ rule: 'phi.fax' }))).toBe(false);
    expect(overrideMatches({ ...override, excerpt: null }, finding({ excerpt: null }))).toBe(true);
    expect(overrideMatches({ ...override, excerpt: null }, finding())).toBe(false);
  });

  it('leave open the blocking findings they do not match, never the warnings', () => {
    const other = finding({ excerpt: '555-010-0200' });
    const warning = finding({ severity: 'warn', rule: 'readability.grade', excerpt: null });
    expect(blockingNotOverridden([finding(), other, warning], [override])).toEqual([other]);
    expect(blockingNotOverridden([finding(), other], [])).toEqual([finding(), other]);
  });

  it('are in force while a current blocking finding matches them', () => {
    expect(inForce(override, [finding()])).toBe(true);
    expect(inForce(override, [finding({ excerpt: '555-010-0200' })])).toBe(false);
    expect(inForce(override, [finding({ severity: 'warn' })])).toBe(false);
  });
});
