import { describeTimeZone, formatAge, formatClockTime } from './time-format';

const org = { name: 'Riverside Family Medicine', timeZone: 'America/New_York', locale: 'en-US' };

describe('formatAge', () => {
  it.each([
    [0, '0 s ago'],
    [12, '12 s ago'],
    [59, '59 s ago'],
    [60, '1 min ago'],
    [3599, '59 min ago'],
    [3600, '1 h ago'],
    [86_400, '1 d ago'],
    [-3, '0 s ago'],
  ])('%i seconds → %s', (seconds, expected) => {
    expect(formatAge(seconds)).toBe(expected);
  });
});

describe('formatClockTime', () => {
  it("shows the time in the organisation's zone, not the machine's", () => {
    expect(formatClockTime('2026-01-15T14:05:09Z', org)).toBe('9:05:09 AM');
    expect(formatClockTime('2026-01-15T14:05:09Z', { ...org, timeZone: 'Europe/London' })).toBe('2:05:09 PM');
  });

  it('returns the input unchanged when it is not a date', () => {
    expect(formatClockTime('soon', org)).toBe('soon');
  });
});

describe('describeTimeZone', () => {
  it('names the zone in words and by its identifier', () => {
    expect(describeTimeZone(org)).toBe('Eastern Time (America/New_York)');
  });
});
