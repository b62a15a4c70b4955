/** Wall-clock arithmetic in the campaign's time zone, without a date library: Intl knows the offsets. */

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

const createFormatter = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

/**
 * Made once for the county's zone (a formatter costs tens of microseconds, and schedule math asks
 * thousands of times); any other zone, set only in tests or abroad, gets a new one per call.
 */
const CHINA_STANDARD_TIME = createFormatter('Asia/Shanghai');

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return timeZone === 'Asia/Shanghai' ? CHINA_STANDARD_TIME : createFormatter(timeZone);
}

export function localParts(instant: Date, timeZone: string): LocalParts & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the zone's clocks show this wall time (month and day may overflow, like Date.UTC). */
export function zonedInstant(timeZone: string, t: LocalParts): Date {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles instants near an offset change.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` as people in the zone read it. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function localDate(instant: Date, timeZone: string): string {
  return formatLocal(instant, timeZone).slice(0, 10);
}

/** ISO-8601 with the zone's offset, e.g. 2026-12-03T10:15:00+08:00 (for exports). */
export function formatIsoWithOffset(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const offsetMin = Math.round(offsetMs(instant, timeZone) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function parseClockTime(hhmm: string): { hour: number; minute: number } {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}
