/**
 * `Commission_Statement__c.Status__c = 'Locked'`: ops closed the period (it was paid). A locked
 * statement and its commission lines are never overwritten nor deleted by the worker. What a
 * recompute would change is held instead: the result stays in the statement store (Redis), the
 * key is remembered as held, and a STATEMENT_LOCKED notice says what differs — the locked and the
 * recomputed total, and how many lines would be created, updated or deleted — so ops can decide
 * (unlock to let the worker write it, or pay the difference by hand). Each sync puts held keys up
 * for write-back again, so an unlocked statement is written by the next pass.
 *
 * Locks are read once per write-back pass that has something to send: one query for the locked
 * statements of the periods being written (Locked statements are few; closed periods' statements
 * rarely change).
 */
import { readDecimalText, type Statement } from '@attain/engine';
import { errorCodeOf, STATEMENT_OBJECT, soqlString, statementExternalKey } from '@attain/salesforce';
import { NoticeCode, type NoticeInput } from '@attain/store';
import type { ProcessorContext } from './context.js';

export const LOCKED_STATUS = 'Locked';

export interface LockedStatement {
  id: string;
  externalKey: string;
  /** Total__c as Salesforce holds it (decimal text), or null. */
  total: string | null;
}

/** What holding a locked statement keeps from Salesforce. */
export interface HeldChanges {
  create: number;
  update: number;
  delete: number;
}

/** SOQL `IN` lists stay well under the 100,000-character statement limit. */
const PERIODS_PER_QUERY = 500;

/** The locked statements of `periods`, by external key. An org without Status__c has none. */
export async function lockedStatements(
  context: ProcessorContext,
  periods: string[],
): Promise<Map<string, LockedStatement>> {
  const locked = new Map<string, LockedStatement>();
  const unique = [...new Set(periods)].sort();
  for (let start = 0; start < unique.length; start += PERIODS_PER_QUERY) {
    const list = unique
      .slice(start, start + PERIODS_PER_QUERY)
      .map(soqlString)
      .join(', ');
    const soql =
      `SELECT Id, External_Key__c, Total__c FROM ${STATEMENT_OBJECT} ` +
      `WHERE Status__c = ${soqlString(LOCKED_STATUS)} AND Period__c IN (${list})`;
    let rows: Record<string, unknown>[];
    try {
      rows = await context.salesforce.call(
        async (connection) =>
          (await connection.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 1_000_000 })).records,
      );
    } catch (error) {
      if (errorCodeOf(error) !== 'INVALID_FIELD') throw error;
      context.logger.warn(`${STATEMENT_OBJECT}.Status__c is not in the org: statements are never treated as locked`);
      return locked;
    }
    for (const row of rows) {
      const externalKey = typeof row.External_Key__c === 'string' ? row.External_Key__c : null;
      if (externalKey === null) continue;
      locked.set(externalKey, { id: String(row.Id), externalKey, total: readDecimalText(row.Total__c) });
    }
  }
  return locked;
}

/** The STATEMENT_LOCKED notice of one held statement. */
export function lockNotice(
  locked: LockedStatement,
  recomputed: Statement | undefined,
  changes: HeldChanges,
): NoticeInput {
  const parts = [
    changes.create > 0 ? `${changes.create} to create` : '',
    changes.update > 0 ? `${changes.update} to update` : '',
    changes.delete > 0 ? `${changes.delete} to delete` : '',
  ].filter(Boolean);
  const totals = recomputed
    ? `locked Total__c ${locked.total ?? 'empty'}, recomputed ${recomputed.total} ${recomputed.currency}`
    : `locked Total__c ${locked.total ?? 'empty'}, and the recompute has no such statement any more`;
  const [repId = '', planId = '', period = ''] = locked.externalKey.split('|');
  return {
    code: NoticeCode.statementLocked,
    recordId: locked.id,
    object: STATEMENT_OBJECT,
    repId,
    planId,
    period,
    message:
      `Statement ${locked.externalKey} is Locked in Salesforce and its recompute differs (${totals}; ` +
      `records ${parts.join(', ')}). The recomputed result is kept and written once the statement is unlocked.`,
  };
}

/** The statement of `statements` whose external key is `externalKey`. */
export function statementByKey(statements: Statement[], externalKey: string): Statement | undefined {
  return statements.find((statement) => statementExternalKey(statement) === externalKey);
}
