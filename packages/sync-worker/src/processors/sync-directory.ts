/**
 * The org's people, for the API's roles: every User (Id, Name, Email, ManagerId, IsActive) and the
 * active assignments of the Attain permission sets. Users are read whole only when one changed
 * (`sync-users.ts`); the assignments are read whole on each sync (a page or two even for large
 * orgs; assignments that were removed never show up in an incremental read). Written only when
 * something changed. Also keeps the latest daily API usage the worker saw, for the ops status.
 *
 * A failure here (an integration user without permission to read assignments, say) is logged and
 * leaves the last directory in place: it must not stop deals from syncing. Running out of API
 * budget is not such a failure and stops the run like anywhere else.
 */
import { ApiBudgetExceededError, soqlString } from '@attain/salesforce';
import { ATTAIN_PERMISSION_SETS, type AttainPermissionSet, type Directory, type DirectoryUser } from '@attain/store';
import type { ProcessorContext } from './context.js';
import { markOwnerChanges } from './writeback-owners.js';

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

async function readAll(context: ProcessorContext, soql: string): Promise<Row[]> {
  return context.salesforce.call(
    async (connection) => (await connection.query<Row>(soql, { autoFetch: true, maxFetch: 1_000_000 })).records,
  );
}

/** Directory rows → the stored shape (pure; rows without an id are skipped). */
export function directoryFrom(users: Row[], assignments: Row[], now: Date): Directory {
  const out: DirectoryUser[] = [];
  for (const row of users) {
    const id = text(row.Id);
    if (id === null) continue;
    out.push({
      id,
      name: text(row.Name) ?? id,
      email: text(row.Email),
      managerId: text(row.ManagerId),
      isActive: row.IsActive === true,
    });
  }
  const known = new Set<string>(ATTAIN_PERMISSION_SETS);
  const permissionSets: Record<string, AttainPermissionSet[]> = {};
  for (const row of assignments) {
    const userId = text(row.AssigneeId);
    const set = text((row.PermissionSet as Row | null | undefined)?.Name);
    if (userId === null || set === null || !known.has(set)) continue;
    const held = permissionSets[userId] ?? [];
    if (!held.includes(set as AttainPermissionSet)) held.push(set as AttainPermissionSet);
    permissionSets[userId] = held.sort();
  }
  return { users: out, permissionSets, syncedAt: now.toISOString() };
}

/**
 * `users`: every User row (`processors/sync-users.ts`), or null when none changed since the stored
 * directory was read: its users stand and only the permission set assignments are read again.
 */
export async function syncDirectory(
  context: ProcessorContext,
  users: Row[] | null,
  now: Date = new Date(),
): Promise<void> {
  try {
    const stored = users === null ? await context.store.directory.get() : null;
    const names = ATTAIN_PERMISSION_SETS.map(soqlString).join(', ');
    const assignments = await readAll(
      context,
      `SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name IN (${names}) ` +
        'AND IsActive = true ORDER BY AssigneeId',
    );
    let directory: Directory | null = null;
    if (users !== null) directory = directoryFrom(users, assignments, now);
    else if (stored) directory = { ...directoryFrom([], assignments, now), users: stored.directory.users };
    const changed = directory !== null && (await context.store.directory.replace(directory));
    if (changed) {
      context.logger.info({ users: directory!.users.length, assignments: assignments.length }, 'directory updated');
    }
  } catch (error) {
    if (error instanceof ApiBudgetExceededError) throw error;
    context.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'directory not synced');
  }
  // Users activated or deactivated change who owns their commission records: written back by this sync.
  await markOwnerChanges(context);
  const usage = context.salesforce.lastUsage;
  if (usage && usage.limit > 0) {
    await context.store.apiUsage.set({ used: usage.used, limit: usage.limit, at: now.toISOString() });
  }
}
