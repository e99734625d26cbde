import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, groupThousands, sumDecimals } from '../src/cli/decimal-display.js';
import { createStyle } from '../src/cli/table.js';
import { Align, layoutTable } from '../src/cli/text-table.js';
import { compute, parseInput } from '../src/index.js';
import { assertCliBuilt, attain, PLAN, smallInput } from './cli-fixtures.js';

const ESC = '\x1b';

describe('decimal display', () => {
  it('groups thousands without touching the fraction', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999.99')).toBe('999.99');
    expect(groupThousands('not a number')).toBe('not a number');
  });

  it('signs changes and leaves zero unsigned', () => {
    expect(formatMoney('1200.00', { signed: true })).toBe('+1,200.00');
    expect(formatMoney('-5.00', { signed: true })).toBe('-5.00');
    expect(formatMoney('0.00', { signed: true })).toBe('0.00');
  });

  it('turns fractions into percentages by moving the point', () => {
    expect(formatPercent('0.085', { trim: true })).toBe('8.5%');
    expect(formatPercent('0.10', { trim: true })).toBe('10%');
    expect(formatPercent('1', { trim: true })).toBe('100%');
    expect(formatPercent('0.0001', { trim: true })).toBe('0.01%');
    expect(formatPercent('-0.05', { trim: true })).toBe('-5%');
    expect(formatPercent('1.2000')).toBe('120.00%');
    expect(formatPercent('0.0450')).toBe('4.50%');
    expect(formatPercent('123.4567')).toBe('12,345.67%');
  });

  it('sums exactly, across scales and signs', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1000.00', '-1000.005'])).toBe('-0.005');
    expect(sumDecimals(['99999999999999999999.99', '0.01'])).toBe('100000000000000000000.00');
    expect(sumDecimals(['7'])).toBe('7');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('layoutTable', () => {
  it('aligns columns, right-aligns numbers and leaves no trailing blanks', () => {
    const lines = layoutTable(
      [
        { header: 'deal', align: Align.left },
        { header: 'amount', align: Align.right },
        { header: 'explain', align: Align.left },
      ],
      [
        ['006A', '960.00', 'short'],
        ['006BBBB', '12,960.00', ''],
      ],
      (text) => text,
    );
    expect(lines).toEqual([
      'deal        amount  explain',
      '───────  ─────────  ───────',
      '006A        960.00  short',
      '006BBBB  12,960.00',
    ]);
  });

  it('paints cells after padding, so colour codes do not shift columns', () => {
    const lines = layoutTable(
      [
        { header: 'a', align: Align.left },
        { header: 'b', align: Align.left },
      ],
      [[{ text: 'x', paint: (text) => `<${text}>` }, 'y']],
      (text) => text,
    );
    expect(lines[2]).toBe('<x>  y');
  });
});

describe('createStyle', () => {
  const tty = { isTTY: true } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  const pipe = {} as NodeJS.WritableStream;
  it('colours a terminal only', () => {
    expect(createStyle({ stdout: tty, env: {} }).bold('x')).toContain(ESC);
    expect(createStyle({ stdout: pipe, env: {} }).bold('x')).toBe('x');
  });
  it('honours NO_COLOR, TERM=dumb and FORCE_COLOR', () => {
    expect(createStyle({ stdout: tty, env: { NO_COLOR: '1' } }).bold('x')).toBe('x');
    expect(createStyle({ stdout: tty, env: { TERM: 'dumb' } }).bold('x')).toBe('x');
    expect(createStyle({ stdout: pipe, env: { FORCE_COLOR: '1' } }).bold('x')).toContain(ESC);
    expect(createStyle({ stdout: tty, env: { FORCE_COLOR: '0' } }).bold('x')).toBe('x');
  });
});

describe('--format table', () => {
  let dir: string;
  let inputFile: string;

  beforeAll(() => {
    assertCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'attain-cli-table-'));
    inputFile = join(dir, 'input.json');
    writeFileSync(inputFile, JSON.stringify(smallInput()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compute: a header per statement, the lines with their explanations, then the warnings', async () => {
    const result = await attain(['compute', '--input', inputFile, '--format', 'table']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).not.toContain(ESC); // stdout is a pipe here
    const parsed = parseInput(JSON.stringify(smallInput()));
    if (!parsed.ok) throw new Error('fixture invalid');
    const output = compute(parsed.value);
    for (const statement of output.statements) {
      expect(out).toContain(
        `rep ${statement.repId} · plan ${statement.planId} (Account Executive 2026) · period ${statement.period} · ${statement.currency}`,
      );
      expect(out).toContain(`total ${formatMoney(statement.total)}`);
      if (statement.attainment !== null) expect(out).toContain(`attainment ${formatPercent(statement.attainment)}`);
      for (const line of statement.lines) expect(out).toContain(line.explain);
    }
    expect(out).toMatch(/deal\s+component\s+kind\s+tier\s+base\s+rate\s+amount\s+explain/);
    expect(output.warnings.length).toBeGreaterThan(0);
    expect(out).toContain(`warnings (${output.warnings.length})`);
    for (const warning of output.warnings) expect(out).toContain(warning.message);
    // The warnings come after every statement.
    expect(out.indexOf('warnings (')).toBeGreaterThan(out.lastIndexOf('(Account Executive 2026)'));
  });

  it('estimate: before and after, the difference, and the lines paying on the deal', async () => {
    const deal = JSON.stringify({ amount: '25000', closeDate: '2026-03-25' });
    const json = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', deal]);
    const estimate = JSON.parse(json.stdout);
    const result = await attain([
      'estimate',
      '--input',
      inputFile,
      '--rep',
      '005B',
      '--deal',
      deal,
      '--format',
      'table',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('what-if: deal');
    expect(result.stdout).toContain('rep 005B');
    expect(result.stdout).toContain('period 2026-Q1');
    expect(result.stdout).toMatch(/before\s+after\s+difference/);
    expect(result.stdout).toContain(formatMoney(estimate.difference, { signed: true }));
    for (const line of estimate.dealLines) expect(result.stdout).toContain(line.explain);
  });

  it('compare: current and new per rep and period, with totals', async () => {
    const planFile = join(dir, 'new-plan.json');
    writeFileSync(planFile, JSON.stringify({ ...PLAN, components: [{ id: 'flat', type: 'percent', rate: '0.1' }] }));
    const json = await attain(['compare', '--input', inputFile, '--plan', planFile]);
    const comparison = JSON.parse(json.stdout);
    const result = await attain(['compare', '--input', inputFile, '--plan', planFile, '--format', 'table']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rep\s+period\s+current\s+new\s+difference/);
    for (const rep of comparison.reps) {
      expect(result.stdout).toContain(rep.repId);
      for (const statement of rep.statements) expect(result.stdout).toContain(statement.period);
    }
    expect(result.stdout).toMatch(
      new RegExp(
        `total\\s+${escapeRegExp(formatMoney(comparison.totals.before))}\\s+${escapeRegExp(formatMoney(comparison.totals.after))}`,
      ),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
