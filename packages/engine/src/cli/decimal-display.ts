/**
 * Display forms of the engine's decimal strings, done on the text itself: the CLI never turns money
 * or rates into binary floats, even to print them.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `1234567.5` → `1,234,567.5`. Text that is not a decimal is returned as it is. */
export function groupThousands(decimal: string): string {
  const match = DECIMAL.exec(decimal);
  if (!match) return decimal;
  const [, sign, whole = '', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Money for a table: grouped, with an explicit sign when it is a change (`+1,200.00`, `-5.00`). */
export function formatMoney(decimal: string, { signed = false }: { signed?: boolean } = {}): string {
  const grouped = groupThousands(decimal);
  if (!signed || grouped.startsWith('-') || isZero(decimal)) return grouped;
  return `+${grouped}`;
}

/**
 * A fraction as a percentage, by moving the decimal point: `0.085` → `8.5%`, `1.2000` → `120.00%`.
 * `trim` drops trailing zeros (rates: `0.10` → `10%`); without it the digits are kept (attainment).
 */
export function formatPercent(decimal: string, { trim = false }: { trim?: boolean } = {}): string {
  const match = DECIMAL.exec(decimal);
  if (!match) return decimal;
  const [, sign, whole = '', fraction = ''] = match;
  const padded = fraction.padEnd(2, '0');
  const integerPart = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  let fractionPart = padded.slice(2);
  if (trim) fractionPart = fractionPart.replace(/0+$/, '');
  return `${sign}${groupThousands(integerPart)}${fractionPart === '' ? '' : `.${fractionPart}`}%`;
}

export function isZero(decimal: string): boolean {
  return /^-?0+(\.0+)?$/.test(decimal);
}

/**
 * Exact sum of decimal strings (BigInt on the scaled digits), for table footers that total several
 * statements. The result carries as many fraction digits as the longest operand.
 */
export function sumDecimals(decimals: readonly string[]): string {
  let scale = 0;
  for (const decimal of decimals) scale = Math.max(scale, DECIMAL.exec(decimal)?.[3]?.length ?? 0);
  let total = 0n;
  for (const decimal of decimals) {
    const match = DECIMAL.exec(decimal);
    if (!match) continue;
    const [, sign, whole = '', fraction = ''] = match;
    const digits = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
    total += sign === '-' ? -digits : digits;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}
