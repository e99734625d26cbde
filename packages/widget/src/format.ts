/**
 * Numbers and dates for people, through Intl in the user's locale and the plan's currency.
 * Amounts arrive as decimal text and go to `Intl.NumberFormat.prototype.format` as text, which
 * formats the exact decimal (no binary float in between, so 0.1 + 0.2 problems cannot appear).
 */

type NumericText = Intl.StringNumericLiteral;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PERIOD = /^(\d{4})-(\d{2})$/;
const QUARTER_PERIOD = /^(\d{4})-Q([1-4])$/;

/** The locale to use when the host gives none: the page's language, then the browser's. */
export function defaultLocale(): string {
  return document.documentElement.lang || navigator.language || 'en-US';
}

function utcDate(year: number, monthIndex: number, day = 1): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

export class Formatter {
  private readonly cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

  constructor(
    readonly locale: string,
    readonly currency: string,
  ) {}

  private number(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    let format = this.cache.get(key) as Intl.NumberFormat | undefined;
    if (!format) {
      format = new Intl.NumberFormat(this.locale, options);
      this.cache.set(key, format);
    }
    return format;
  }

  private dates(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    let format = this.cache.get(key) as Intl.DateTimeFormat | undefined;
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, options);
      this.cache.set(key, format);
    }
    return format;
  }

  /** `"12000.5"` → `$12,000.50` (the currency's own minor units). */
  money(amount: string, currency: string = this.currency): string {
    return this.number(`m${currency}`, { style: 'currency', currency }).format(amount as NumericText);
  }

  /** A difference: `+$250.00`, `-$80.00`, `$0.00`. */
  moneyChange(amount: string, currency: string = this.currency): string {
    return this.number(`d${currency}`, { style: 'currency', currency, signDisplay: 'exceptZero' }).format(
      amount as NumericText,
    );
  }

  /** A plain amount in a form (no currency sign), e.g. a deal amount. */
  decimal(amount: string): string {
    return this.number('n', { maximumFractionDigits: 20 }).format(amount as NumericText);
  }

  /** A rate as a fraction: `"0.085"` → `8.5%`. */
  rate(fraction: string): string {
    return this.number('r', { style: 'percent', maximumFractionDigits: 4 }).format(fraction as NumericText);
  }

  /** Attainment as a fraction of quota: `"0.8234"` → `82.3%`. */
  attainment(fraction: string): string {
    return this.number('a', { style: 'percent', maximumFractionDigits: 1 }).format(fraction as NumericText);
  }

  count(value: number): string {
    return this.number('c', { maximumFractionDigits: 0 }).format(value);
  }

  /** A calendar date (`2026-02-15`), shown as that day wherever the user is. */
  date(text: string): string {
    const match = DATE_ONLY.exec(text);
    if (!match) return text;
    const day = utcDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return this.dates('d', { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
  }

  /** An instant (ISO timestamp) in the user's time zone. */
  dateTime(iso: string): string {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return iso;
    return this.dates('t', { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
  }

  /** "3 minutes ago", "in 2 hours". */
  relative(iso: string, now: number = Date.now()): string {
    const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
    if (Number.isNaN(seconds)) return '';
    const format = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(seconds, 'second');
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
    return format.format(Math.round(seconds / 86_400), 'day');
  }

  /** A duration in whole units: "4 min", "2 hr", "35 sec". */
  duration(milliseconds: number): string {
    const seconds = Math.max(0, Math.round(milliseconds / 1000));
    const [value, unit] =
      seconds < 60
        ? [seconds, 'second']
        : seconds < 3600
          ? [Math.round(seconds / 60), 'minute']
          : seconds < 86_400
            ? [Math.round(seconds / 3600), 'hour']
            : [Math.round(seconds / 86_400), 'day'];
    return this.number(`u${unit}`, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  }

  /** `2026-02` → "February 2026", `2026-Q1` → "Jan – Mar 2026", `2026` → "2026". */
  period(id: string): string {
    const month = MONTH_PERIOD.exec(id);
    if (month) {
      return this.dates('pm', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        utcDate(Number(month[1]), Number(month[2]) - 1),
      );
    }
    const quarter = QUARTER_PERIOD.exec(id);
    if (quarter) {
      const year = Number(quarter[1]);
      const first = (Number(quarter[2]) - 1) * 3;
      return this.dates('pq', { month: 'short', year: 'numeric', timeZone: 'UTC' }).formatRange(
        utcDate(year, first),
        utcDate(year, first + 2),
      );
    }
    return id;
  }
}

/**
 * An amount typed by a person in their locale (`25,000.50`, `25.000,50`, `25 000`) → decimal text
 * (`25000.50`), or null when it is not a plain non-negative amount.
 */
export function parseAmount(text: string, locale: string): string | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(11111.5);
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimalMark = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  let cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  // A group mark that looks like a space was removed above; others are removed here.
  if (group.trim()) cleaned = cleaned.split(group).join('');
  if (decimalMark !== '.') cleaned = cleaned.replace(decimalMark, '.');
  return /^\d+(\.\d+)?$/.test(cleaned) ? cleaned : null;
}
