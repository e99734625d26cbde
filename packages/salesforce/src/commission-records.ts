/**
 * Engine statements → the Salesforce records that show them: one `Commission__c` per line and one
 * `Commission_Statement__c` per statement, each with a stable `External_Key__c` so that upserts
 * never duplicate and a line that disappears can be found and deleted. Decimals stay text.
 */
import type { Line, Statement } from '@attain/engine';
import { canonicalJson, contentHash } from './canonical-json.js';

export const COMMISSION_OBJECT = 'Commission__c';
export const STATEMENT_OBJECT = 'Commission_Statement__c';
export const EXTERNAL_KEY_FIELD = 'External_Key__c';
/** Salesforce's length of both External_Key__c fields. */
const EXTERNAL_KEY_LENGTH = 255;

export type SalesforceValue = string | number | boolean | null;

/** A record to upsert, with its object, key, and the hash of the fields that matter for "changed". */
export interface RecordToWrite {
  object: typeof COMMISSION_OBJECT | typeof STATEMENT_OBJECT;
  externalKey: string;
  /** The written-store key: the object's letter and the external key (`C|…`, `S|…`). */
  ledgerKey: string;
  /** External key of the statement the record belongs to (itself, for a statement). */
  statementKey: string;
  fields: Record<string, SalesforceValue>;
  hash: string;
}

export interface RecordOptions {
  /** Lines name their deal in Opportunity__c only when deals are opportunities (the default mapping). */
  dealsAreOpportunities: boolean;
  /** Set CurrencyIsoCode (multi-currency orgs: the describe of the object has the field). */
  multiCurrency: boolean;
  /** Statement computation time (ISO); written but not part of the hash, so recomputing the same numbers sends nothing. */
  computedAt?: string;
  /**
   * Rep id → the active user who owns the rep's records (`OwnerId`). Both objects are Private: a rep
   * sees only records they own. Reps not in the map get no `OwnerId` (the integration user keeps or
   * gets the record). The owner is part of the hash, so a change of owner is sent once.
   */
  owners?: ReadonlyMap<string, string>;
}

/** `1.2000` → `120.00`: a fraction as Salesforce's percent fields hold it, by moving the point. */
export function fractionToPercentText(fraction: string): string {
  const negative = fraction.startsWith('-');
  const [whole = '0', part = ''] = (negative ? fraction.slice(1) : fraction).split('.');
  const digits = `${whole}${part.padEnd(2, '0')}`;
  const point = whole.length + 2;
  let text = `${digits.slice(0, point)}${digits.length > point ? `.${digits.slice(point)}` : ''}`;
  text = text.replace(/^0+(?=\d)/, '');
  return negative ? `-${text}` : text;
}

/** Stable keys may outgrow 255 characters (long plan or component ids): then a hash stands in for the tail. */
function fitKey(key: string): string {
  if (key.length <= EXTERNAL_KEY_LENGTH) return key;
  const hash = contentHash(key);
  return `${key.slice(0, EXTERNAL_KEY_LENGTH - hash.length - 1)}~${hash}`;
}

export function statementExternalKey(statement: Pick<Statement, 'repId' | 'planId' | 'period'>): string {
  return fitKey(`${statement.repId}|${statement.planId}|${statement.period}`);
}

/** `005A|ae-2026|2026-Q1|006X|base|2|commission`: rep, plan, period, deal, component, tier, kind. */
export function lineExternalKey(statement: Statement, line: Line): string {
  return fitKey(
    [
      statement.repId,
      statement.planId,
      statement.period,
      line.dealId ?? '-',
      line.componentId ?? '-',
      line.tier === undefined ? '-' : String(line.tier),
      line.kind,
    ].join('|'),
  );
}

/**
 * The statement external key a ledger key belongs to: `S|k` → k; `C|rep|plan|period|…` → the
 * statement key of its first three parts (which a hashed tail never reaches: rep and period ids are short).
 */
export function statementKeyOfLedgerKey(ledgerKey: string): string {
  if (ledgerKey.startsWith('S|')) return ledgerKey.slice(2);
  const [repId = '', planId = '', period = ''] = ledgerKey.slice(2).split('|');
  return statementExternalKey({ repId, planId, period });
}

function record(
  object: RecordToWrite['object'],
  externalKey: string,
  statementKey: string,
  fields: Record<string, SalesforceValue>,
  unhashed: Record<string, SalesforceValue> = {},
): RecordToWrite {
  const all = { [EXTERNAL_KEY_FIELD]: externalKey, ...fields };
  return {
    object,
    externalKey,
    ledgerKey: `${object === COMMISSION_OBJECT ? 'C' : 'S'}|${externalKey}`,
    statementKey,
    fields: { ...all, ...unhashed },
    hash: contentHash(canonicalJson(all)),
  };
}

/** Every record that shows `statements`, statements first. Line keys are unique within the result. */
export function recordsFor(statements: Statement[], options: RecordOptions): RecordToWrite[] {
  const out: RecordToWrite[] = [];
  for (const statement of statements) {
    const currency = options.multiCurrency ? { CurrencyIsoCode: statement.currency } : {};
    const ownerId = options.owners?.get(statement.repId);
    const owner = ownerId === undefined ? {} : { OwnerId: ownerId };
    const statementKey = statementExternalKey(statement);
    out.push(
      record(
        STATEMENT_OBJECT,
        statementKey,
        statementKey,
        {
          Rep__c: statement.repId,
          Plan__c: statement.planId,
          Period__c: statement.period,
          Quota__c: statement.quota,
          Credited__c: statement.credited,
          Attainment__c: statement.attainment === null ? null : fractionToPercentText(statement.attainment),
          Total__c: statement.total,
          ...currency,
          ...owner,
        },
        options.computedAt === undefined ? {} : { Calculated_At__c: options.computedAt },
      ),
    );
    const seen = new Map<string, number>();
    for (const line of statement.lines) {
      let key = lineExternalKey(statement, line);
      // Two lines with one key would overwrite each other: number the repeats (in line order, so stably).
      const repeat = (seen.get(key) ?? 0) + 1;
      seen.set(key, repeat);
      if (repeat > 1) key = fitKey(`${key}#${repeat}`);
      out.push(
        record(COMMISSION_OBJECT, key, statementKey, {
          Rep__c: statement.repId,
          Plan__c: statement.planId,
          Period__c: statement.period,
          Opportunity__c: options.dealsAreOpportunities && line.dealId !== undefined ? line.dealId : null,
          Component__c: line.componentId ?? null,
          Kind__c: line.kind,
          Tier__c: line.tier ?? null,
          Base__c: line.base ?? null,
          Rate__c: line.rate ?? null,
          Amount__c: line.amount,
          Explanation__c: line.explain,
          ...currency,
          ...owner,
        }),
      );
    }
  }
  return out;
}
