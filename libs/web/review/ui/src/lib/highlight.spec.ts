import type { Finding } from '@carecast/shared/contracts';
import { highlightSegments, mentionSegments } from './highlight';

const finding = (start: number, end: number, overrides: Partial<Finding> = {}): Finding => ({
  rule: 'phi.date',
  severity: 'block',
  message: 'A date of birth identifies a patient.',
  field: 'base.text',
  span: { start, end },
  excerpt: null,
  suggestion: null,
  ...overrides,
});

describe('highlightSegments', () => {
  const text = 'Jane, born 03/14/1962, is fine.';

  it('marks the words a finding of this field points at, and leaves the rest plain', () => {
    expect(highlightSegments(text, [finding(11, 21)], 'base.text')).toEqual([
      { text: 'Jane, born ', findings: [], blocking: false },
      { text: '03/14/1962', findings: ['A date of birth identifies a patient.'], blocking: true },
      { text: ', is fine.', findings: [], blocking: false },
    ]);
  });

  it('ignores findings of other fields, without a span, or outside the text', () => {
    const other = [
      finding(0, 4, { field: 'spanish.text' }),
      { ...finding(0, 1), span: null },
      finding(500, 510),
    ];
    expect(highlightSegments(text, other, 'base.text')).toEqual([{ text, findings: [], blocking: false }]);
  });

  it('merges overlapping findings into one mark with both messages; a warning alone is not blocking', () => {
    const segments = highlightSegments(
      text,
      [
        finding(0, 4, { severity: 'warn', message: 'A name.' }),
        finding(2, 9, { severity: 'warn', message: 'Other.' }),
      ],
      'base.text',
    );
    expect(segments[0]).toEqual({ text: 'Jane, bor', findings: ['A name.', 'Other.'], blocking: false });
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });
});

describe('mentionSegments', () => {
  it('marks the @mentions of the named people only', () => {
    expect(mentionSegments('@Dana Whitfield fix it, cc @Nobody', ['Dana Whitfield'])).toEqual([
      { text: '@Dana Whitfield', mention: true },
      { text: ' fix it, cc @Nobody', mention: false },
    ]);
  });
});
