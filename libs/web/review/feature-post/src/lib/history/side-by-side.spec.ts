import { sideBySide } from './side-by-side';

describe('sideBySide', () => {
  it('marks the words removed on the left and the words added on the right', () => {
    const { before, after } = sideBySide('Jane, born 03/14/1962, asks', 'A patient asks');
    expect(
      before
        .filter((p) => p.changed)
        .map((p) => p.text)
        .join(''),
    ).toContain('03/14/1962');
    expect(
      after
        .filter((p) => p.changed)
        .map((p) => p.text)
        .join(''),
    ).toContain('patient');
    expect(before.map((p) => p.text).join('')).toBe('Jane, born 03/14/1962, asks');
    expect(after.map((p) => p.text).join('')).toBe('A patient asks');
    expect(after.find((p) => p.text === 'asks')?.changed).toBe(false);
  });

  it('treats a missing side as empty (a part added or removed whole)', () => {
    expect(sideBySide(null, 'New link')).toEqual({
      before: [],
      after: [{ text: 'New link', changed: true }],
    });
  });
});
