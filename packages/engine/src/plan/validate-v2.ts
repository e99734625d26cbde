import { isDecimalText } from '../money/decimal.js';
import type { ClosedLine, ClosedStatement, LineKind, Manager, Plan } from '../types.js';
import { addDays, isDateText, periodKindOf, periodRange } from '../values/dates.js';
import { describeValue, IssueCode, type IssueList, type Path } from './issues.js';
import { expectObject, ObjectReader } from './reader.js';

/*
 * Plan-language v2 §9: the checks on the v2 additions (plan versions and their new fields, managers,
 * closed statements). Same shape as v1: every problem at once, each with its JSON path.
 */

export const PLAN_V2_KEYS = ['from', 'credit', 'prorateQuota', 'clawbackDays', 'draw'];

/** Reads the optional v2 fields of a plan into `plan` (called by the plan validator). */
export function readPlanV2Fields(issues: IssueList, reader: ObjectReader, plan: Partial<Plan>): void {
  const from = reader.date('from', false);
  const credit = reader.option('credit', ['own', 'team'] as const, false);
  const prorateQuota = reader.boolean('prorateQuota', false);
  const clawback = reader.object.clawbackDays;
  if (clawback !== undefined) {
    if (typeof clawback !== 'number' || !Number.isSafeInteger(clawback) || clawback < 0)
      issues.add(
        IssueCode.invalidInteger,
        reader.at('clawbackDays'),
        `clawbackDays is a whole number of days, 0 or more, got ${describeValue(clawback)}`,
      );
    else plan.clawbackDays = clawback;
  }
  const draw = reader.object.draw;
  if (draw !== undefined && expectObject(issues, draw, reader.at('draw'), 'a draw')) {
    const drawReader = new ObjectReader(issues, draw, reader.at('draw'));
    drawReader.checkSpelling(['amount', 'recoverable']);
    const amount = drawReader.nonNegativeDecimal('amount', true, 'a draw amount');
    const recoverable = drawReader.boolean('recoverable', true);
    if (amount !== undefined && recoverable !== undefined) plan.draw = { amount, recoverable };
  }
  if (from !== undefined) plan.from = from;
  if (credit !== undefined) plan.credit = credit;
  if (prorateQuota !== undefined) plan.prorateQuota = prorateQuota;
}

/** §2: versions of one id share currency and period, start on a period boundary, and differ in `from`. */
export function checkPlanVersions(issues: IssueList, plans: { plan: Plan; index: number }[]): void {
  const byId = new Map<string, { plan: Plan; index: number }[]>();
  for (const entry of plans) {
    const list = byId.get(entry.plan.id);
    if (list) list.push(entry);
    else byId.set(entry.plan.id, [entry]);
  }
  for (const { plan, index } of plans) {
    if (plan.from !== undefined && periodRange(periodContainingFirst(plan.from, plan)).first !== plan.from)
      issues.add(
        IssueCode.versionStart,
        ['plans', index, 'from'],
        `a version starts on the first day of a ${plan.period}, got ${plan.from}`,
      );
  }
  for (const list of byId.values()) {
    if (list.length < 2) continue;
    const first = list[0]!;
    const seenFrom = new Map<string, number>();
    for (const { plan, index } of list) {
      const key = plan.from ?? '';
      const earlier = seenFrom.get(key);
      if (earlier !== undefined) {
        issues.add(
          IssueCode.duplicateId,
          ['plans', index, plan.from === undefined ? 'id' : 'from'],
          plan.from === undefined
            ? `plan id ${describeValue(plan.id)} is already used by plans[${earlier}] (a new version of a plan needs a "from" date)`
            : `plan ${describeValue(plan.id)} already has a version from ${plan.from} at plans[${earlier}]`,
        );
      } else seenFrom.set(key, index);
      if (plan === first.plan) continue;
      if (plan.currency !== first.plan.currency || plan.period !== first.plan.period)
        issues.add(
          IssueCode.versionMismatch,
          ['plans', index, plan.currency !== first.plan.currency ? 'currency' : 'period'],
          `every version of plan ${describeValue(plan.id)} has the currency and period of plans[${first.index}] (${first.plan.currency}, ${first.plan.period})`,
        );
    }
  }
}

function periodContainingFirst(date: string, plan: Plan): string {
  if (plan.period === 'month') return date.slice(0, 7);
  if (plan.period === 'year') return date.slice(0, 4);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** §3: dated manager entries; no overlaps per rep, nobody their own manager, no loops on any date. */
export function validateManagers(issues: IssueList, list: unknown[]): Manager[] {
  const managers: { value: Manager; index: number }[] = [];
  list.forEach((item, index) => {
    const path: Path = ['managers', index];
    if (!expectObject(issues, item, path, 'a manager entry')) return;
    const reader = new ObjectReader(issues, item, path);
    reader.checkSpelling(['repId', 'managerId', 'from', 'to']);
    const before = issues.issues.length;
    const repId = reader.id('repId', 'a rep id');
    const managerId = reader.id('managerId', 'a manager id');
    const from = reader.date('from', true);
    const to = reader.date('to', false);
    if (repId !== undefined && repId === managerId)
      issues.add(IssueCode.selfManager, reader.at('managerId'), `rep ${describeValue(repId)} cannot manage themselves`);
    if (from !== undefined && to !== undefined && to < from)
      issues.add(
        IssueCode.assignmentEndsBeforeStart,
        reader.at('to'),
        `the entry ends (${to}) before it starts (${from})`,
      );
    if (issues.issues.length > before || repId === undefined || managerId === undefined || from === undefined) return;
    managers.push({ value: to === undefined ? { repId, managerId, from } : { repId, managerId, from, to }, index });
  });
  const byRep = new Map<string, { value: Manager; index: number }[]>();
  for (const entry of managers) {
    const rep = byRep.get(entry.value.repId);
    if (rep) rep.push(entry);
    else byRep.set(entry.value.repId, [entry]);
  }
  let overlapping = false;
  for (const entries of byRep.values()) {
    entries.sort((a, b) => (a.value.from < b.value.from ? -1 : a.value.from > b.value.from ? 1 : a.index - b.index));
    for (let i = 1; i < entries.length; i++) {
      const previous = entries[i - 1]!.value;
      if (previous.to === undefined || entries[i]!.value.from <= previous.to) {
        overlapping = true;
        issues.add(
          IssueCode.overlappingManagers,
          ['managers', entries[i]!.index],
          `rep ${describeValue(previous.repId)} already reports to ${describeValue(previous.managerId)} from ${previous.from} to ${previous.to ?? 'open end'} (managers[${entries[i - 1]!.index}])`,
        );
      }
    }
  }
  if (!overlapping) checkLoops(issues, managers);
  return managers.map((entry) => entry.value);
}

/** A chain that loops on any date: the reporting lines change only on a `from` or the day after a `to`. */
function checkLoops(issues: IssueList, managers: { value: Manager; index: number }[]): void {
  const dates = new Set<string>();
  for (const { value } of managers) {
    dates.add(value.from);
    if (value.to !== undefined) dates.add(addDays(value.to, 1));
  }
  const inReportedLoop = new Set<string>();
  for (const date of [...dates].sort()) {
    const managerOf = new Map<string, { value: Manager; index: number }>();
    for (const entry of managers)
      if (entry.value.from <= date && (entry.value.to === undefined || date <= entry.value.to))
        managerOf.set(entry.value.repId, entry);
    for (const start of managerOf.keys()) {
      if (inReportedLoop.has(start)) continue;
      const path = [start];
      let current = managerOf.get(start);
      while (current !== undefined) {
        const next = current.value.managerId;
        if (next === start) {
          // One issue per loop, on the entry that closes it as seen from its first member.
          for (const member of path) inReportedLoop.add(member);
          issues.add(
            IssueCode.managerLoop,
            ['managers', current.index, 'managerId'],
            `on ${date} the reporting chain from ${describeValue(start)} loops back to it: a manager cannot report to their own team`,
          );
          break;
        }
        if (path.includes(next)) break; // a loop that does not pass through `start`: reported from one of its members
        path.push(next);
        current = managerOf.get(next);
      }
    }
  }
}

const LINE_KINDS: readonly LineKind[] = ['commission', 'bonus', 'cap', 'adjustment', 'draw', 'recovery', 'carry'];

function nullableId(reader: ObjectReader, key: string): string | null | undefined {
  const value = reader.object[key];
  if (value === null || value === undefined) return null;
  return reader.id(key);
}

const CLOSED_LINE_KEYS = ['dealId', 'componentId', 'kind', 'tier', 'ofPeriod', 'amount', 'base', 'rate', 'explain'];
const CLOSED_KEYS = ['repId', 'planId', 'period', 'lines', 'balance', 'quota', 'credited', 'attainment', 'planFrom'];

const isNullableId = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value !== '');
const isOptionalDecimal = (value: unknown) => value === undefined || isDecimalText(value);

/**
 * A closed line as the engine writes it (the common case, hundreds of thousands in a year), checked
 * without building a reader; anything unusual goes through the full check with its messages.
 */
function plainClosedLine(item: Record<string, unknown>): ClosedLine | undefined {
  const { dealId, componentId, kind, tier, ofPeriod, amount, base, rate, explain } = item;
  if (!isNullableId(dealId) || !isNullableId(componentId)) return undefined;
  if (typeof kind !== 'string' || !(LINE_KINDS as readonly string[]).includes(kind)) return undefined;
  if (!(tier === undefined || tier === null || (typeof tier === 'number' && Number.isSafeInteger(tier) && tier > 0)))
    return undefined;
  if (!(ofPeriod === undefined || periodKindOf(ofPeriod) !== undefined)) return undefined;
  if (!isDecimalText(amount) || !isOptionalDecimal(base) || !isOptionalDecimal(rate)) return undefined;
  if (!(explain === undefined || typeof explain === 'string')) return undefined;
  for (const key in item) if (!CLOSED_LINE_KEYS.includes(key)) return undefined; // let the full check look at it
  const line: ClosedLine = {
    dealId: (dealId as string | null | undefined) ?? null,
    componentId: (componentId as string | null | undefined) ?? null,
    kind: kind as LineKind,
    tier: typeof tier === 'number' ? tier : null,
    amount,
  };
  if (ofPeriod !== undefined) line.ofPeriod = ofPeriod as string;
  if (base !== undefined) line.base = base as string;
  if (rate !== undefined) line.rate = rate as string;
  if (explain !== undefined) line.explain = explain as string;
  return line;
}

function validateClosedLine(issues: IssueList, item: unknown, path: Path): ClosedLine | undefined {
  if (!expectObject(issues, item, path, 'a closed line')) return undefined;
  const plain = plainClosedLine(item);
  if (plain !== undefined) return plain;
  const reader = new ObjectReader(issues, item, path);
  reader.checkSpelling(CLOSED_LINE_KEYS);
  const before = issues.issues.length;
  const dealId = nullableId(reader, 'dealId');
  const componentId = nullableId(reader, 'componentId');
  const kind = reader.option('kind', LINE_KINDS, true);
  const tier = item.tier;
  if (tier !== undefined && tier !== null && !(typeof tier === 'number' && Number.isSafeInteger(tier) && tier > 0))
    issues.add(
      IssueCode.invalidInteger,
      reader.at('tier'),
      `a tier is a whole number from 1, got ${describeValue(tier)}`,
    );
  const ofPeriod = reader.string('ofPeriod', false, 'a period id');
  if (ofPeriod !== undefined && periodKindOf(ofPeriod) === undefined)
    issues.add(IssueCode.invalidPeriod, reader.at('ofPeriod'), `${describeValue(ofPeriod)} is not a period id`);
  const amount = reader.decimal('amount', true, 'an amount');
  const base = reader.decimal('base', false, 'a base');
  const rate = reader.decimal('rate', false, 'a rate');
  const explain = reader.string('explain', false);
  if (issues.issues.length > before || kind === undefined || amount === undefined) return undefined;
  const line: ClosedLine = {
    dealId: dealId ?? null,
    componentId: componentId ?? null,
    kind,
    tier: typeof tier === 'number' ? tier : null,
    amount,
  };
  if (ofPeriod !== undefined) line.ofPeriod = ofPeriod;
  if (base !== undefined) line.base = base;
  if (rate !== undefined) line.rate = rate;
  if (explain !== undefined) line.explain = explain;
  return line;
}

/** §7: closed statements; at most one per (rep, plan, period), of a known plan and a period of its kind. */
export function validateClosed(issues: IssueList, list: unknown[], plans: readonly Plan[]): ClosedStatement[] {
  const kindOf = new Map(plans.map((plan) => [plan.id, plan.period]));
  const closed: { value: ClosedStatement; index: number }[] = [];
  const firstOfKey = new Map<string, number>();
  list.forEach((item, index) => {
    const path: Path = ['closed', index];
    if (!expectObject(issues, item, path, 'a closed statement')) return;
    const reader = new ObjectReader(issues, item, path);
    reader.checkSpelling(CLOSED_KEYS);
    const before = issues.issues.length;
    const repId = reader.id('repId', 'a rep id');
    const planId = reader.id('planId', 'a plan id');
    const period = reader.string('period', true, 'a period id');
    if (planId !== undefined && !kindOf.has(planId))
      issues.add(IssueCode.unknownPlan, reader.at('planId'), `no plan has id ${describeValue(planId)}`);
    else if (period !== undefined && planId !== undefined && periodKindOf(period) !== kindOf.get(planId))
      issues.add(
        IssueCode.invalidPeriod,
        reader.at('period'),
        `${describeValue(period)} is not a ${kindOf.get(planId)} period id (plan ${describeValue(planId)} is paid per ${kindOf.get(planId)})`,
      );
    const balance = reader.nonNegativeDecimal('balance', false, 'a balance');
    const quota = item.quota === null ? null : reader.decimal('quota', false, 'a quota');
    const credited = reader.decimal('credited', false, 'a credited amount');
    const attainment = item.attainment === null ? null : reader.decimal('attainment', false, 'an attainment');
    const planFrom = item.planFrom === null ? null : reader.date('planFrom', false);
    const rawLines = reader.array('lines', true, 'a list of lines') ?? [];
    const lines: ClosedLine[] = [];
    rawLines.forEach((line, k) => {
      const valid = validateClosedLine(issues, line, [...path, 'lines', k]);
      if (valid) lines.push(valid);
    });
    if (issues.issues.length > before || repId === undefined || planId === undefined || period === undefined) return;
    const key = `${repId}\u0000${planId}\u0000${period}`;
    const first = firstOfKey.get(key);
    if (first !== undefined) {
      issues.add(
        IssueCode.duplicateClosed,
        path,
        `rep ${describeValue(repId)} already has a closed ${planId} statement for ${period} at closed[${first}]`,
      );
      return;
    }
    firstOfKey.set(key, index);
    const value: ClosedStatement = { repId, planId, period, lines };
    if (balance !== undefined) value.balance = balance;
    if (quota !== undefined) value.quota = quota;
    if (credited !== undefined) value.credited = credited;
    if (attainment !== undefined) value.attainment = attainment;
    if (planFrom !== undefined) value.planFrom = planFrom;
    closed.push({ value, index });
  });
  // An adjustment line corrects a closed period of the same rep and plan (reopening is not supported).
  for (const { value, index } of closed) {
    value.lines.forEach((line, k) => {
      if (line.kind !== 'adjustment') return;
      const at: Path = ['closed', index, 'lines', k, 'ofPeriod'];
      if (line.ofPeriod === undefined)
        issues.add(IssueCode.adjustmentPeriod, at, 'an adjustment line names the closed period it corrects (ofPeriod)');
      else if (!firstOfKey.has(`${value.repId}\u0000${value.planId}\u0000${line.ofPeriod}`))
        issues.add(
          IssueCode.adjustmentPeriod,
          at,
          `${line.ofPeriod} is not a closed ${value.planId} period of rep ${describeValue(value.repId)}: an adjustment corrects a closed period`,
        );
    });
  }
  return closed.map((entry) => entry.value);
}

/** `cancelDate` of a deal: a date, not before its close date. Returns an issue path or undefined. */
export function checkCancelDate(issues: IssueList, deal: Record<string, unknown>, path: Path): void {
  const cancelDate = deal.cancelDate;
  if (!isDateText(cancelDate)) {
    issues.add(IssueCode.invalidDate, path, `${describeValue(cancelDate)} is not a date (YYYY-MM-DD)`);
    return;
  }
  if (isDateText(deal.closeDate) && cancelDate < deal.closeDate)
    issues.add(
      IssueCode.cancelBeforeClose,
      path,
      `the deal is cancelled (${cancelDate}) before it closed (${deal.closeDate}): a cancel date is on or after the close date`,
    );
}
