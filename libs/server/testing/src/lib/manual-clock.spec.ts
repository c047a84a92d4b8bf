import { ManualClock } from './manual-clock';

describe('ManualClock', () => {
  it('stands still until moved, and hands out copies', () => {
    const clock = new ManualClock('2026-03-02T09:00:00.000Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(clock.advance(90_000).toISOString()).toBe('2026-03-02T09:01:30.000Z');
    clock.set('2026-12-31T23:59:59.000Z');
    expect(clock.now().toISOString()).toBe('2026-12-31T23:59:59.000Z');
  });
});
