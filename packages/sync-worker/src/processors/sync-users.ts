/**
 * The org's users, for the directory (roles, record owners) and, when the mapping says so, the
 * assignments from a User field. Read whole only when something changed: an incremental sync first
 * asks for the users modified since the `User` cursor (one query); only if there is one — or the
 * plans or the assignments mapping changed, which changes how the same rows read — are all users
 * read again. Users are deactivated, never deleted, so a plain query sees every change.
 */

import type { FieldMapping } from '@attain/salesforce';
import {
  ApiBudgetExceededError,
  buildChangesQuery,
  canonicalJson,
  contentHash,
  parseSalesforceDateTime,
  SYSTEM_MODSTAMP,
} from '@attain/salesforce';
import type { ProcessorContext } from './context.js';

type Row = Record<string, unknown>;
const USER = 'User';

export interface UsersRead {
  /** Every user, or null when none changed since the last whole read (the stored results stand). */
  rows: Row[] | null;
  /** Moves the cursor once the rows are stored: a sync that fails before reads them again. */
  commit: () => Promise<void>;
}

async function readAll(context: ProcessorContext, soql: string): Promise<Row[]> {
  return context.salesforce.call(
    async (connection) => (await connection.query<Row>(soql, { autoFetch: true, maxFetch: 100_000_000 })).records,
  );
}

const stampOf = (row: Row): number | null => parseSalesforceDateTime(row[SYSTEM_MODSTAMP]);

/** Whether any user changed since the cursor, leaving out the rows of the overlap window already read at that stamp. */
async function anyUserChanged(context: ProcessorContext, cursor: number): Promise<boolean> {
  const done = await context.store.cursors.recent(USER);
  const rows = await readAll(context, buildChangesQuery(USER, ['Id'], cursor, context.settings.overlapMs));
  return rows.some((row) => {
    const stamp = stampOf(row);
    return stamp === null || typeof row.Id !== 'string' || done.get(row.Id) !== stamp;
  });
}

/**
 * What the user rows were read into: with assignments from a User field, the mapping, the plan ids
 * (a user naming an unknown plan becomes valid once it exists) and the stored assignments (an import
 * that replaced them is undone by the next read).
 */
async function usersBasis(context: ProcessorContext, mapping: FieldMapping): Promise<string> {
  if (!mapping.assignments) return 'directory';
  const base = await context.store.inputs.base();
  const planIds = base.plans.map((plan) => plan.id);
  return contentHash(canonicalJson({ source: mapping.assignments, planIds, assignments: base.assignments }));
}

export async function readUsers(context: ProcessorContext, mapping: FieldMapping, full: boolean): Promise<UsersRead> {
  const { store } = context;
  const basis = await usersBasis(context, mapping);
  const cursor = await store.cursors.get(USER);
  const unchanged =
    !full &&
    cursor !== null &&
    (await store.cursors.basis(USER)) === basis &&
    (await store.directory.hash()) !== null &&
    !(await anyUserChanged(context, cursor));
  if (unchanged) return { rows: null, commit: async () => {} };
  const planField = mapping.assignments ? `, ${mapping.assignments.userPlanField}` : '';
  let rows: Row[];
  try {
    rows = await readAll(
      context,
      `SELECT Id, Name, Email, ManagerId, IsActive, SystemModstamp${planField} FROM User ORDER BY Id`,
    );
  } catch (error) {
    // Without assignments from Users, only the directory needs them: it keeps its last state.
    if (mapping.assignments || error instanceof ApiBudgetExceededError) throw error;
    context.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'users not read');
    return { rows: null, commit: async () => {} };
  }
  return {
    rows,
    commit: async () => {
      let newest: number | null = null;
      for (const row of rows) {
        const stamp = stampOf(row);
        if (stamp !== null && (newest === null || stamp > newest)) newest = stamp;
      }
      if (newest === null) return;
      await store.cursors.advance(USER, newest);
      const windowStart = newest - context.settings.overlapMs - 1000;
      const recent = new Map<string, number>();
      for (const row of rows) {
        const stamp = stampOf(row);
        if (stamp !== null && stamp >= windowStart && typeof row.Id === 'string') recent.set(row.Id, stamp);
      }
      await store.cursors.setRecent(USER, recent);
      await store.cursors.setBasis(USER, await usersBasis(context, mapping));
    },
  };
}
