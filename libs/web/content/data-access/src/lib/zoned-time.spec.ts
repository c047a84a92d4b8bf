import { utcIsoToZoned, zonedToUtcIso } from './zoned-time';

describe('zoned time', () => {
  it("reads a date and time as the organisation's wall clock, across daylight saving time", () => {
    expect(zonedToUtcIso({ date: '2026-03-02', time: '09:00' }, 'America/New_York')).toBe(
      '2026-03-02T14:00:00.000Z',
    );
    expect(zonedToUtcIso({ date: '2026-07-01', time: '09:00' }, 'America/New_York')).toBe(
      '2026-07-01T13:00:00.000Z',
    );
    expect(zonedToUtcIso({ date: '2026-07-01', time: '09:00' }, 'Europe/London')).toBe(
      '2026-07-01T08:00:00.000Z',
    );
  });

  it('gives nothing for a blank or malformed field', () => {
    expect(zonedToUtcIso({ date: '', time: '09:00' }, 'America/New_York')).toBeNull();
    expect(zonedToUtcIso({ date: '2026-03-02', time: '9am' }, 'America/New_York')).toBeNull();
  });

  it('shows an instant on the wall clock of the zone, and back again', () => {
    expect(utcIsoToZoned('2026-03-02T14:00:00.000Z', 'America/New_York')).toEqual({
      date: '2026-03-02',
      time: '09:00',
    });
    expect(utcIsoToZoned('2026-03-02T04:30:00.000Z', 'America/New_York')).toEqual({
      date: '2026-03-01',
      time: '23:30',
    });
    expect(utcIsoToZoned(null, 'America/New_York')).toEqual({ date: '', time: '' });
    const wall = utcIsoToZoned('2026-11-01T05:30:00.000Z', 'America/Chicago');
    expect(zonedToUtcIso(wall, 'America/Chicago')).toBe('2026-11-01T05:30:00.000Z');
  });
});
