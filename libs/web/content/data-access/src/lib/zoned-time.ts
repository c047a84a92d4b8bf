/** A wall-clock date and time as the date and time fields hold them: `YYYY-MM-DD` and `HH:mm`. */
export interface WallClock {
  date: string;
  time: string;
}

function zoneParts(instant: number, timeZone: string): Record<string, number> {
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
  return Object.fromEntries(
    parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
}

function offsetMs(instant: number, timeZone: string): number {
  const p = zoneParts(instant, timeZone);
  const asUtc = Date.UTC(p['year'], p['month'] - 1, p['day'], p['hour'], p['minute'], p['second']);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) a wall-clock date and time in the organisation's zone stands for;
 * null when either field is blank or not a date or time. A time skipped by a daylight-saving
 * change lands an hour later, as clocks do.
 */
export function zonedToUtcIso(wall: WallClock, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date ?? '');
  const t = /^(\d{2}):(\d{2})$/.exec(wall.time ?? '');
  if (!d || !t) return null;
  const wallMs = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wallMs)) return null;
  let instant = wallMs - offsetMs(wallMs, timeZone);
  instant = wallMs - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The wall-clock date and time of an instant in the organisation's zone (blank for none). */
export function utcIsoToZoned(iso: string | null | undefined, timeZone: string): WallClock {
  if (!iso) return { date: '', time: '' };
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant)) return { date: '', time: '' };
  const p = zoneParts(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${p['year']}-${two(p['month'])}-${two(p['day'])}`,
    time: `${two(p['hour'])}:${two(p['minute'])}`,
  };
}
