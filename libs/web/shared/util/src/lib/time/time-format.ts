import type { Organisation } from './organisation';

/** "12 s ago", "4 min ago", "3 h ago", "2 d ago"; for an age in whole seconds. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** A clock time in the organisation's zone, e.g. "9:41:05 AM". */
export function formatClockTime(iso: string, org: Organisation): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(org.locale, {
    timeZone: org.timeZone,
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

/** The zone's everyday name with its identifier, e.g. "Eastern Time (America/New_York)". */
export function describeTimeZone(org: Organisation, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat(org.locale, { timeZone: org.timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part && part.value !== org.timeZone ? `${part.value} (${org.timeZone})` : org.timeZone;
}

/** A date and time in the organisation's zone with the zone's short name, e.g. "Mar 2, 2026, 9:41 AM EST". */
export function formatDateTime(iso: string, org: Organisation): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(org.locale, {
    timeZone: org.timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in the organisation's zone, as ISO 8601;
 * pass `dayAfter` to get the start of the following day (an exclusive end).
 */
export function startOfDayIso(day: string, timeZone: string, dayAfter = false): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (dayAfter ? 1 : 0)];
  const wallClock = Date.UTC(y, m, d);
  // The zone's offset at (about) that moment; checked twice so a day starting on a DST change
  // still lands on its local midnight.
  let instant = wallClock - offsetMs(wallClock, timeZone);
  instant = wallClock - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}
