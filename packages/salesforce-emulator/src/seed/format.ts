/** Salesforce wire formats for the values the seed produces. */

const DAY_MS = 86_400_000;

export { DAY_MS };

const dayCache = new Map<number, string>();

/** `YYYY-MM-DD` of a UTC day number; a seeded org touches a few thousand distinct days, so cache them. */
function dayString(day: number): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** By second of the day: 86,400 slots, filled as seconds come up. */
const timeCache: (string | undefined)[] = new Array(86_400);

/** `THH:mm:ss.SSS+0000` for a millisecond of the day; whole seconds (what Salesforce stores) are cached. */
function timeString(msOfDay: number): string {
  const millis = msOfDay % 1000;
  const second = (msOfDay - millis) / 1000;
  if (millis === 0) {
    const cached = timeCache[second];
    if (cached !== undefined) return cached;
  }
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  const text = `T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(second % 60, 2)}.${pad(millis, 3)}+0000`;
  if (millis === 0) timeCache[second] = text;
  return text;
}

/**
 * `2026-01-31T10:00:00.000+0000`, the datetime format of Salesforce's REST API (always UTC).
 * Built from two cached halves: a seeded org formats ~600k datetimes, and fresh strings for each
 * made garbage collection the dominant cost of seeding.
 */
export function formatDateTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  return dayString(day) + timeString(ms - day * DAY_MS);
}

/** `2026-01-31` (a date field; the UTC calendar day of `ms`). */
export function formatDate(ms: number): string {
  return dayString(Math.floor(ms / DAY_MS));
}

export function utcDate(year: number, monthIndex: number, day: number): number {
  return Date.UTC(year, monthIndex, day);
}

/** Whole minor units (cents, or yen) → the JSON number Salesforce returns for a currency field. */
export function fromMinorUnits(minor: number, decimals: number): number {
  return decimals === 0 ? minor : minor / 10 ** decimals;
}

/** Lower-case ASCII slug, for usernames and web domains. */
export function slug(value: string, separator = ''): string {
  const joined = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator);
  if (separator === '') return joined;
  let start = 0;
  let end = joined.length;
  while (joined.startsWith(separator, start)) start += separator.length;
  while (end > start && joined.endsWith(separator, end)) end -= separator.length;
  return joined.slice(start, end);
}
