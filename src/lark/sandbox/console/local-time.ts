const formats = (timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, weekday: 'short' });

/** An instant as the county reads it: `2026-12-01 周二 09:00`. */
export function localTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(formats(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.weekday} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** The value of a `datetime-local` input for an instant in the county's zone: `2026-12-01T09:00`. */
export function localInputValue(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(formats(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** The instant a `datetime-local` value (`2026-12-01T09:00`) names in the county's zone, or undefined if it names none. */
export function instantOfLocal(value: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at about that time, then once more at the corrected instant (offsets change at most twice a year).
  let instant = asUtc - offsetAt(new Date(asUtc), timeZone);
  instant = asUtc - offsetAt(new Date(instant), timeZone);
  return localInputValue(new Date(instant), timeZone) === value ? new Date(instant) : undefined;
}

function offsetAt(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(formats(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute));
  return local - Math.floor(instant.getTime() / 60_000) * 60_000;
}
