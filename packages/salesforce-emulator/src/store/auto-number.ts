/**
 * Auto-number display formats (`COM-{00000000}`, `INV-{YYYY}-{0000}`): compiled once per field into
 * a function from the counter to the name, so inserting 100,000 records does not re-run regular
 * expressions over the format 100,000 times.
 */

export type AutoNumberFormat = (value: number, now: () => Date) => string;

const DATE_TOKEN = /\{(YYYY|YY|MM|DD)\}/;
const DATE_TOKENS = new RegExp(DATE_TOKEN.source, 'g');

export function compileDisplayFormat(format: string): AutoNumberFormat {
  const counter = /\{(0+)\}/.exec(format);
  const width = counter?.[1]?.length ?? 0;
  const before = counter ? format.slice(0, counter.index) : format;
  const after = counter ? format.slice(counter.index + (counter[0]?.length ?? 0)) : '';
  const number = (value: number) => (counter ? String(value).padStart(width, '0') : '');
  if (!DATE_TOKEN.test(format)) return (value) => before + number(value) + after;
  const dated = (text: string, now: Date) =>
    text.replace(DATE_TOKENS, (token: string) => {
      const year = String(now.getUTCFullYear());
      if (token === '{YYYY}') return year;
      if (token === '{YY}') return year.slice(2);
      if (token === '{MM}') return String(now.getUTCMonth() + 1).padStart(2, '0');
      return String(now.getUTCDate()).padStart(2, '0');
    });
  return (value, now) => {
    const at = now();
    return dated(before, at) + number(value) + dated(after, at);
  };
}
