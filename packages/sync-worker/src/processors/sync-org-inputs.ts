/**
 * Engine inputs that the mapping says come from the org rather than an admin import:
 * - assignments from a User field naming a plan (one open-ended assignment per rep);
 * - quotas from `ForecastingQuota`, converted into the currency of the rep's plan with the org's
 *   dated rates (exact decimals, rounded to the plan currency).
 * Written only when they changed: a change makes every statement stale. Rows that cannot be used
 * become record-level sync errors, like unprocessable opportunities.
 */
import type { Assignment, ExchangeRate, Quota } from '@attain/engine';
import { divideDecimals, formatMoney, multiplyDecimals, parseDecimal, readDecimalText } from '@attain/engine';
import type { FieldMapping } from '@attain/salesforce';
import {
  canonicalJson,
  compareIds,
  type RecordError,
  RecordErrorCode,
  readPath,
  recordPath,
  soqlString,
} from '@attain/salesforce';
import { statementKeyText } from '@attain/store';
import type { ProcessorContext } from './context.js';

type Row = Record<string, unknown>;

async function queryAll(context: ProcessorContext, soql: string): Promise<Row[]> {
  return context.salesforce.call(
    async (connection) => (await connection.query<Row>(soql, { autoFetch: true, maxFetch: 1_000_000 })).records,
  );
}

/**
 * Assignments from the mapped User field, out of every User row (`sync-users.ts`, which selects the
 * field); returns the record errors of active users naming unknown plans.
 */
export async function syncAssignments(
  context: ProcessorContext,
  mapping: FieldMapping,
  users: Row[],
): Promise<RecordError[]> {
  const source = mapping.assignments;
  if (!source) return [];
  const { store } = context;
  const rows = users.filter((row) => row.IsActive === true);
  const planIds = new Set((await store.inputs.base()).plans.map((plan) => plan.id));
  const assignments: Assignment[] = [];
  const errors: RecordError[] = [];
  for (const row of rows) {
    const planId = readPath(row, source.userPlanField);
    if (planId === null || planId === undefined || planId === '') continue;
    if (typeof planId !== 'string' || !planIds.has(planId)) {
      errors.push({
        recordId: String(row.Id),
        object: 'User',
        code: RecordErrorCode.unknownPlan,
        path: recordPath(source.userPlanField),
        message: `${source.userPlanField} names plan ${String(planId)}, which is not a stored plan`,
      });
      continue;
    }
    assignments.push({ repId: String(row.Id), planId, from: source.from });
  }
  const current = (await store.inputs.base()).assignments;
  if (canonicalJson(current) !== canonicalJson(assignments)) {
    const saved = await store.inputs.setAssignments(assignments);
    if (!saved.ok)
      throw new Error(`assignments from User.${source.userPlanField} refused: ${saved.issues[0]?.message}`);
  }
  return errors;
}

/** `2026-04-01` + `Quarter` → `2026-Q2`. */
export function periodIdOf(startDate: string, type: string): string | null {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(startDate);
  if (!match) return null;
  const [, year, month] = match;
  if (type === 'Year') return year!;
  if (type === 'Month') return `${year}-${month}`;
  if (type === 'Quarter') return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
  return null;
}

/** Units of `currency` per corporate unit on `date` (the corporate currency is 1), or null. */
function rateOn(rates: ExchangeRate[], corporate: string, currency: string, date: string): string | null {
  if (currency === corporate) return '1';
  let found: string | null = null;
  // Rates come sorted by date: the last one that started by `date` is the one in force.
  for (const rate of rates) if (rate.currency === currency && rate.from <= date) found = rate.rate;
  return found;
}

/** Quotas from ForecastingQuota; returns the record errors of rows that cannot be used. */
export async function syncQuotas(context: ProcessorContext, mapping: FieldMapping): Promise<RecordError[]> {
  if (mapping.quotas.source !== 'ForecastingQuota') return [];
  const { store } = context;
  const typeFilter =
    mapping.quotas.forecastingType === undefined
      ? ''
      : ` AND ForecastingType.DeveloperName = ${soqlString(mapping.quotas.forecastingType)}`;
  const rows = await queryAll(
    context,
    'SELECT Id, QuotaOwnerId, QuotaAmount, StartDate, CurrencyIsoCode, Period.Type FROM ForecastingQuota ' +
      `WHERE IsAmount = true AND ProductFamily = null${typeFilter} ORDER BY QuotaOwnerId, StartDate, Id`,
  );
  const base = await store.inputs.base();
  const rates = [...base.exchangeRates].sort(
    (a, b) => compareIds(a.currency, b.currency) || compareIds(a.from, b.from),
  );
  const plans = new Map(base.plans.map((plan) => [plan.id, plan]));
  const quotas: Quota[] = [];
  const seen = new Set<string>();
  const errors: RecordError[] = [];
  const fail = (row: Row, message: string) =>
    errors.push({
      recordId: String(row.Id),
      object: 'ForecastingQuota',
      code: RecordErrorCode.badQuota,
      path: [],
      message,
    });
  for (const row of rows) {
    const repId = String(row.QuotaOwnerId ?? '');
    const start = String(row.StartDate ?? '');
    const amount = readDecimalText(row.QuotaAmount);
    const period = periodIdOf(start, String(readPath(row, 'Period.Type') ?? 'Quarter'));
    if (!repId || amount === null || period === null) {
      fail(row, 'quota without owner, amount or period');
      continue;
    }
    const assignment = base.assignments.find(
      (a) => a.repId === repId && a.from <= start && (a.to === undefined || start <= a.to),
    );
    const plan = assignment && plans.get(assignment.planId);
    // A quota of a rep without a plan on that date pays nothing: leave it out.
    if (!plan) continue;
    const currency = typeof row.CurrencyIsoCode === 'string' ? row.CurrencyIsoCode : base.corporateCurrency;
    let converted = amount;
    if (currency !== plan.currency) {
      const to = rateOn(rates, base.corporateCurrency, plan.currency, start);
      const from = rateOn(rates, base.corporateCurrency, currency, start);
      if (to === null || from === null) {
        fail(row, `no exchange rate from ${currency} to ${plan.currency} on ${start}`);
        continue;
      }
      converted = formatMoney(
        divideDecimals(multiplyDecimals(parseDecimal(amount), parseDecimal(to)), parseDecimal(from)),
        plan.currency,
      );
    }
    const key = statementKeyText({ repId, period });
    if (seen.has(key)) {
      fail(row, `a second quota for ${repId} in ${period} (forecasting types? name one in the mapping)`);
      continue;
    }
    seen.add(key);
    quotas.push({ repId, period, amount: converted });
  }
  const current = base.quotas;
  const sorted = [...quotas].sort((a, b) => compareIds(a.repId, b.repId) || compareIds(a.period, b.period));
  if (canonicalJson(current) !== canonicalJson(sorted)) {
    const saved = await store.inputs.setQuotas(sorted);
    if (!saved.ok) throw new Error(`quotas from ForecastingQuota refused: ${saved.issues[0]?.message}`);
  }
  return errors;
}
