import { ValidationError } from '@carecast/server/core';
import { requiredText } from './required-text';

describe('requiredText', () => {
  it('answers the text trimmed', () => {
    expect(requiredText('  Say 8:30 am.\n', 'comment', 'Say what should change.')).toBe('Say 8:30 am.');
  });

  it.each([
    ['nothing', undefined],
    ['spaces and line breaks', ' \n\t '],
    ['zero-width spaces', '\u200b\u200b'],
    ['a word joiner and a byte order mark between spaces', ' \u2060 \ufeff '],
    ['no-break and ideographic spaces', '\u00a0\u3000'],
  ])('refuses %s with 422 naming the field', (_what, text) => {
    expect(() => requiredText(text, 'comment', 'Say what should change.')).toThrow(ValidationError);
    try {
      requiredText(text, 'comment', 'Say what should change.');
    } catch (err) {
      expect((err as ValidationError).violations).toEqual([
        { field: 'comment', rule: 'isNotEmpty', message: 'Say what should change.' },
      ]);
    }
  });
});
