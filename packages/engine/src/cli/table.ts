import type { Comparison, ComputeOutput, Estimate, Line, Statement, Warning } from '../index.js';
import type { BufferedWriter } from './buffered-writer.js';
import type { CliIo } from './cli-io.js';
import { formatMoney, formatPercent, sumDecimals } from './decimal-display.js';
import { Align, type Cell, type Column, layoutTable } from './text-table.js';

/**
 * `--format table`: the engine's documents laid out for a person at a terminal. Loaded only when
 * asked for, so the JSON path (the one the benchmark times) never pays for it.
 */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  gain(text: string): string;
  loss(text: string): string;
}

const plain = (text: string) => text;
const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb. */
export function createStyle(io: Pick<CliIo, 'stdout' | 'env'>): Style {
  const forced = io.env.FORCE_COLOR;
  const colour =
    forced !== undefined && forced !== ''
      ? forced !== '0' && forced !== 'false'
      : io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  if (!colour) return { bold: plain, dim: plain, warn: plain, gain: plain, loss: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), warn: sgr(33, 39), gain: sgr(32, 39), loss: sgr(31, 39) };
}

const LINE_COLUMNS: readonly Column[] = [
  { header: 'deal', align: Align.left },
  { header: 'component', align: Align.left },
  { header: 'kind', align: Align.left },
  { header: 'tier', align: Align.right },
  { header: 'base', align: Align.right },
  { header: 'rate', align: Align.right },
  { header: 'amount', align: Align.right },
  { header: 'explain', align: Align.left },
];

const WARNING_COLUMNS: readonly Column[] = [
  { header: 'code', align: Align.left },
  { header: 'where', align: Align.left },
  { header: 'message', align: Align.left },
];

const NONE = '—';
/** Rows written per call, so a statement with 100,000 lines is not one giant string. */
const ROWS_PER_WRITE = 1000;

export async function writeComputeTable(
  out: BufferedWriter,
  output: ComputeOutput,
  planNames: ReadonlyMap<string, string>,
  style: Style,
): Promise<void> {
  for (const statement of output.statements) {
    await writeLines(out, statementHeader(statement, planNames, style));
    await writeLines(out, lineTable(statement.lines, style, '  '));
    await out.write('\n');
  }
  await writeLines(out, computeFooter(output, style));
  await writeLines(out, warningTable(output.warnings, style));
}

export async function writeEstimateTable(out: BufferedWriter, estimate: Estimate, style: Style): Promise<void> {
  const statement = estimate.after ?? estimate.before;
  await writeLines(out, [style.bold(`what-if: deal ${estimate.dealId} for rep ${estimate.repId}`)]);
  if (statement === null) {
    await writeLines(out, ['the deal lands in no statement of this rep (see the warnings)']);
  } else {
    const { before, after } = estimate;
    const pick = (value: (s: Statement) => string) => [before ? value(before) : NONE, after ? value(after) : NONE];
    const rows: Cell[][] = [
      ['quota', ...pick((s) => (s.quota === null ? NONE : formatMoney(s.quota))), ''],
      ['credited', ...pick((s) => ((s.credited as string | null) === null ? NONE : formatMoney(s.credited))), ''],
      ['attainment', ...pick((s) => (s.attainment === null ? NONE : formatPercent(s.attainment))), ''],
      ['total', ...pick((s) => formatMoney(s.total)), change(estimate.difference, style)],
    ];
    const columns: Column[] = [
      { header: '', align: Align.left },
      { header: 'before', align: Align.right },
      { header: 'after', align: Align.right },
      { header: 'difference', align: Align.right },
    ];
    await writeLines(out, [
      `plan ${statement.planId} · period ${statement.period} · ${statement.currency}`,
      '',
      ...layoutTable(columns, rows, style.bold, '  '),
      '',
      estimate.dealLines.length === 0 ? 'no line pays on this deal' : 'lines paying on this deal',
    ]);
    if (estimate.dealLines.length > 0) await writeLines(out, lineTable(estimate.dealLines, style, '  '));
  }
  await writeLines(out, warningTable(estimate.warnings, style));
}

export async function writeComparisonTable(out: BufferedWriter, comparison: Comparison, style: Style): Promise<void> {
  const reps = comparison.reps.length;
  await writeLines(out, [
    style.bold(
      `plan ${comparison.planId}: current → new · ${comparison.currency} · ${reps} rep${reps === 1 ? '' : 's'}`,
    ),
    '',
  ]);
  const columns: Column[] = [
    { header: 'rep', align: Align.left },
    { header: 'period', align: Align.left },
    { header: 'current', align: Align.right },
    { header: 'new', align: Align.right },
    { header: 'difference', align: Align.right },
  ];
  const rows: Cell[][] = [];
  for (const rep of comparison.reps) {
    rows.push([
      { text: rep.repId, paint: style.bold },
      '',
      formatMoney(rep.before),
      formatMoney(rep.after),
      change(rep.difference, style),
    ]);
    for (const statement of rep.statements) {
      rows.push([
        '',
        statement.closed ? `${statement.period} (closed)` : statement.period,
        formatMoney(statement.before),
        formatMoney(statement.after),
        change(statement.difference, style),
      ]);
      // v2: a closed period keeps its total; what changes is the adjustments it receives later.
      if (
        statement.adjustments !== undefined &&
        /[1-9]/.test(statement.adjustments.before + statement.adjustments.after)
      )
        rows.push([
          '',
          `  adjustments for ${statement.period}`,
          formatMoney(statement.adjustments.before),
          formatMoney(statement.adjustments.after),
          change(statement.adjustments.difference, style),
        ]);
    }
  }
  const { totals } = comparison;
  rows.push([
    { text: 'total', paint: style.bold },
    '',
    formatMoney(totals.before),
    formatMoney(totals.after),
    change(totals.difference, style),
  ]);
  await writeLines(out, layoutTable(columns, rows, style.bold, '  '));
  await writeLines(out, warningTable(comparison.warnings, style));
}

function statementHeader(statement: Statement, planNames: ReadonlyMap<string, string>, style: Style): string[] {
  const name = planNames.get(statement.planId);
  const plan = name ? `${statement.planId} (${name})` : statement.planId;
  const figures = [
    `quota ${statement.quota === null ? NONE : formatMoney(statement.quota)}`,
    `credited ${(statement.credited as string | null) === null ? NONE : formatMoney(statement.credited)}`,
    `attainment ${statement.attainment === null ? NONE : formatPercent(statement.attainment)}`,
    `total ${style.bold(formatMoney(statement.total))}`,
  ];
  // v2: which version, whether the statement is closed (as paid), and what the rep owes after it.
  if (statement.balance !== undefined && statement.balance !== null)
    figures.push(`balance owed ${style.bold(formatMoney(statement.balance))}`);
  const v2 =
    statement.closed === undefined
      ? ''
      : `${statement.planFrom ? ` · version from ${statement.planFrom}` : ''} · ${statement.closed ? style.warn('CLOSED (as paid)') : 'open'}`;
  return [
    style.bold(`rep ${statement.repId} · plan ${plan} · period ${statement.period} · ${statement.currency}`) + v2,
    figures.join(' · '),
  ];
}

function lineTable(lines: readonly Line[], style: Style, indent: string): string[] {
  if (lines.length === 0) return [`${indent}(no lines)`];
  const rows = lines.map((line): Cell[] => [
    line.dealId ?? NONE,
    line.componentId ?? (line.kind === 'cap' ? 'plan' : NONE),
    kindCell(line, style),
    line.tier === undefined ? '' : String(line.tier),
    line.base === undefined ? '' : formatMoney(line.base),
    line.rate === undefined ? '' : formatPercent(line.rate, { trim: true }),
    formatMoney(line.amount),
    { text: line.explain, paint: style.dim },
  ]);
  return layoutTable(LINE_COLUMNS, rows, style.bold, indent);
}

/** The kind column: caps and v2's money movements stand out; an adjustment names the period it corrects. */
function kindCell(line: Line, style: Style): Cell {
  if (line.kind === 'adjustment') return { text: `adjustment ${line.ofPeriod ?? ''}`.trim(), paint: style.warn };
  if (line.kind === 'cap' || line.kind === 'draw' || line.kind === 'recovery' || line.kind === 'carry')
    return { text: line.kind, paint: style.warn };
  return line.kind;
}

function computeFooter(output: ComputeOutput, style: Style): string[] {
  const count = output.statements.length;
  const byCurrency = new Map<string, string[]>();
  for (const statement of output.statements) {
    const totals = byCurrency.get(statement.currency) ?? [];
    totals.push(statement.total);
    byCurrency.set(statement.currency, totals);
  }
  const sums = [...byCurrency].map(([currency, totals]) => `${currency} ${formatMoney(sumDecimals(totals))}`);
  const summary = `${count} statement${count === 1 ? '' : 's'}${sums.length > 0 ? ` · total ${sums.join(', ')}` : ''}`;
  return [style.bold(summary)];
}

function warningTable(warnings: readonly Warning[], style: Style): string[] {
  if (warnings.length === 0) return [];
  const rows = warnings.map((warning): Cell[] => [
    { text: warning.code, paint: style.warn },
    whereOf(warning),
    warning.message,
  ]);
  return ['', style.warn(`warnings (${warnings.length})`), ...layoutTable(WARNING_COLUMNS, rows, style.bold, '  ')];
}

function whereOf(warning: Warning): string {
  const parts = [
    warning.dealId === undefined ? '' : `deal ${warning.dealId}`,
    warning.repId === undefined ? '' : `rep ${warning.repId}`,
    warning.planId === undefined ? '' : `plan ${warning.planId}`,
    warning.period ?? '',
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

function change(difference: string, style: Style): Cell {
  const text = formatMoney(difference, { signed: true });
  if (text.startsWith('+')) return { text, paint: style.gain };
  if (text.startsWith('-')) return { text, paint: style.loss };
  return text;
}

async function writeLines(out: BufferedWriter, lines: readonly string[]): Promise<void> {
  for (let start = 0; start < lines.length; start += ROWS_PER_WRITE) {
    await out.write(`${lines.slice(start, start + ROWS_PER_WRITE).join('\n')}\n`);
  }
}
