/**
 * Salesforce's wire formats for dates and datetimes. The REST API writes datetimes as
 * `2024-03-01T12:00:00.000+0000` (always UTC, offset without a colon) and dates as `2024-03-01`.
 */

export function formatDateTime(value: Date | number): string {
  const iso = new Date(value).toISOString();
  return `${iso.slice(0, 23)}+0000`;
}

export function formatDate(value: Date | number): string {
  return new Date(value).toISOString().slice(0, 10);
}

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;

/**
 * True for a datetime in the stored form (`2024-03-01T12:00:00.000+0000`). Such strings sort like
 * the instants they name, so the store compares them as text instead of parsing each one.
 */
export function isCanonicalDateTime(value: unknown): value is string {
  return typeof value === 'string' && value.length === 28 && CANONICAL.test(value);
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Milliseconds since the epoch for any datetime Salesforce accepts in a request (ISO 8601 with `Z`,
 * `+hh:mm`, `+hhmm` or no offset = UTC, optional fraction; a bare date means midnight UTC), or
 * undefined when the text is not one.
 */
export function parseDateTime(text: string): number | undefined {
  const match = DATETIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(Number(y), month - 1, day, hour, minute, second, ms);
  if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return undefined;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    time -= sign * offsetMinutes * 60_000;
  }
  return time;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` if `text` is a real calendar date (a datetime is cut to its UTC date), else undefined. */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim();
  if (DATE.test(trimmed)) {
    const time = parseDateTime(trimmed);
    return time === undefined ? undefined : trimmed;
  }
  const time = parseDateTime(trimmed);
  return time === undefined ? undefined : formatDate(time);
}
