import { describeTimeZone, formatAge, formatClockTime, formatDateTime, startOfDayIso } from './time-format';

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

describe('startOfDayIso', () => {
  it("gives the instant a day starts in the organisation's zone, and the next day's for an end", () => {
    expect(startOfDayIso('2026-03-02', 'America/New_York')).toBe('2026-03-02T05:00:00.000Z');
    expect(startOfDayIso('2026-03-02', 'America/New_York', true)).toBe('2026-03-03T05:00:00.000Z');
    // The day daylight saving time starts still begins at local midnight (EST, UTC-5).
    expect(startOfDayIso('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayIso('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDayIso('2026-07-01', 'Europe/London')).toBe('2026-06-30T23:00:00.000Z');
  });

  it('returns null for anything but a YYYY-MM-DD day', () => {
    expect(startOfDayIso('03/02/2026', 'America/New_York')).toBeNull();
  });
});

describe('formatDateTime', () => {
  it("shows date and time in the organisation's zone with the zone's short name", () => {
    expect(formatDateTime('2026-03-02T14:41:05Z', org)).toBe('Mar 2, 2026, 9:41 AM EST');
  });
});
