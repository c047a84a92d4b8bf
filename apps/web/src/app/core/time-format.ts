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
