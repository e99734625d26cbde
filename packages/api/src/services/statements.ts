/**
 * A rep's statements as the API shows them: each line with its stable key (the `External_Key__c`
 * its Commission__c record carries, so a dispute names the same line Salesforce shows) and the
 * status of a dispute on it; whether a change still waits to be computed; the rep's history.
 */
import type { Line, Statement, Warning } from '@attain/engine';
import { periodRange } from '@attain/engine';
import { COMMISSION_OBJECT, lineExternalKey, recordsFor } from '@attain/salesforce';
import type { Dispute, DisputeStatus, Store, StoredStatements } from '@attain/store';

export interface LineView extends Line {
  lineKey: string;
  dispute: { id: string; status: DisputeStatus } | null;
}

/** A deal of the statements' lines, as people know it: its Salesforce record name and figures. */
export interface DealView {
  id: string;
  /** The record's `Name` in Salesforce when the mapped object has one and the sync read it; else null. */
  name: string | null;
  amount: string;
  currency: string;
  closeDate: string;
}

export interface StatementView {
  repId: string;
  period: string;
  computedAt: string | null;
  stale: boolean;
  statements: (Omit<Statement, 'lines'> & { lines: LineView[] })[];
  warnings: Warning[];
  /** The deals the lines name, each once, ordered by id (a deal removed since the compute is left out). */
  deals: DealView[];
}

export interface StatementSummary extends Omit<Statement, 'lines'> {
  lineCount: number;
}

/** Salesforce's length of External_Key__c: longer keys get a hashed tail (see commission-records.ts). */
const EXTERNAL_KEY_LENGTH = 255;

/**
 * Line keys exactly as the write-back names the records (repeats numbered `#2`, long keys hashed).
 * The common case is built here without hashing every record; a statement with a numbered repeat
 * that would need its tail hashed takes the write-back's own function.
 */
export function lineKeysOf(statement: Statement): string[] {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const line of statement.lines) {
    const key = lineExternalKey(statement, line);
    const repeat = (seen.get(key) ?? 0) + 1;
    seen.set(key, repeat);
    const numbered = repeat > 1 ? `${key}#${repeat}` : key;
    if (numbered.length > EXTERNAL_KEY_LENGTH) return lineKeysFromRecords(statement);
    keys.push(numbered);
  }
  return keys;
}

function lineKeysFromRecords(statement: Statement): string[] {
  return recordsFor([statement], { dealsAreOpportunities: false, multiCurrency: false })
    .filter((record) => record.object === COMMISSION_OBJECT)
    .map((record) => record.externalKey);
}

export function summaryOf(statement: Statement): StatementSummary {
  const { lines, ...rest } = statement;
  return { ...rest, lineCount: lines.length };
}

/** Period ids by start date, then by id (a month and its quarter start together). */
export function comparePeriods(a: string, b: string): number {
  const first = (p: string) => periodRange(p).first;
  const byStart = first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0;
  return byStart || (a < b ? -1 : a > b ? 1 : 0);
}

export class StatementReader {
  constructor(private readonly store: Pick<Store, 'statements' | 'deals'>) {}

  /**
   * The stored statements of (rep, period), or null; whether the key waits for a recompute; and the
   * ids of the rep's disputes — one round trip.
   */
  raw(
    repId: string,
    period: string,
  ): Promise<{ stored: StoredStatements | null; stale: boolean; disputeIds: string[] }> {
    return this.store.statements.readWithState({ repId, period });
  }

  /**
   * The stored deals with these ids, with their record names; `corporateCurrency` is the currency
   * of a deal that names none.
   */
  async deals(ids: string[], corporateCurrency: string): Promise<DealView[]> {
    const unique = [...new Set(ids)].sort();
    return (await this.store.deals.getManyWithNames(unique)).map(({ deal, name }) => ({
      id: deal.id,
      name,
      amount: deal.amount,
      currency: deal.currency ?? corporateCurrency,
      closeDate: deal.closeDate,
    }));
  }

  async view(
    repId: string,
    period: string,
    disputes: (ids: string[]) => Promise<Dispute[]>,
    corporateCurrency: string,
  ): Promise<StatementView> {
    const { stored, stale, disputeIds } = await this.raw(repId, period);
    const statements = stored?.statements ?? [];
    const dealIds = statements.flatMap((statement) =>
      statement.lines.flatMap((line) => (line.dealId === undefined ? [] : [line.dealId])),
    );
    // Only reps with disputes pay for reading them.
    const open =
      statements.length === 0 || disputeIds.length === 0
        ? []
        : (await disputes(disputeIds)).filter((d) => d.period === period);
    // Disputes come newest first: a line shows its latest dispute.
    const byLine = new Map<string, Dispute>();
    for (const dispute of open) if (!byLine.has(dispute.lineKey)) byLine.set(dispute.lineKey, dispute);
    return {
      repId,
      period,
      computedAt: stored?.computedAt ?? null,
      stale,
      statements: statements.map((statement) => {
        const keys = lineKeysOf(statement);
        return {
          ...statement,
          lines: statement.lines.map((line, index) => {
            const lineKey = keys[index] as string;
            const dispute = byLine.get(lineKey);
            return { ...line, lineKey, dispute: dispute ? { id: dispute.id, status: dispute.status } : null };
          }),
        };
      }),
      warnings: stored?.warnings ?? [],
      deals: await this.deals(dealIds, corporateCurrency),
    };
  }

  /** Every period the rep has statements for, oldest first, with summaries. */
  async history(repId: string): Promise<{ period: string; computedAt: string; statements: StatementSummary[] }[]> {
    const periods = (await this.store.statements.periodsOf(repId)).sort(comparePeriods);
    const stored = await this.store.statements.getMany(periods.map((period) => ({ repId, period })));
    const out: { period: string; computedAt: string; statements: StatementSummary[] }[] = [];
    stored.forEach((entry, index) => {
      if (entry === null) return;
      out.push({
        period: periods[index] as string,
        computedAt: entry.computedAt,
        statements: entry.statements.map(summaryOf),
      });
    });
    return out;
  }

  /** Summaries of many reps for one period (a team), in the order asked. */
  async summaries(repIds: string[], period: string): Promise<Map<string, StatementSummary[]>> {
    const out = new Map<string, StatementSummary[]>();
    const chunk = 1000;
    for (let start = 0; start < repIds.length; start += chunk) {
      const ids = repIds.slice(start, start + chunk);
      const stored = await this.store.statements.getMany(ids.map((repId) => ({ repId, period })));
      stored.forEach((entry, index) => {
        out.set(ids[index] as string, entry ? entry.statements.map(summaryOf) : []);
      });
    }
    return out;
  }
}
