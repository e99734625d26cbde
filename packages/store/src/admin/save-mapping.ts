/**
 * Saving a new field-mapping version — the one save path (the admin API's `PUT /api/admin/mapping`
 * and the tests use it): check the document's shape, check it against the org's describe, write it
 * as a new version with its audit entry in one optimistic transaction (unless it equals the version
 * in force), and queue a full resync — a new mapping can change every deal, so every statement is
 * recomputed from it by the worker.
 */

import {
  canonicalJson,
  describeThrough,
  type FieldMapping,
  type MappingIssue,
  parseFieldMapping,
  type SalesforceSession,
  validateMappingAgainstOrg,
} from '@attain/salesforce';
import type { AttainQueues } from '../queues/queues.js';
import { enqueueSync } from '../queues/queues.js';
import type { AuditActor, AuditStore } from '../store/audit-store.js';
import type { Store } from '../store/index.js';
import type { MappingVersion } from '../store/mapping-store.js';
import type { Transactions } from '../store/transactions.js';

export interface MappingSaveDeps {
  store: Store;
  queues: AttainQueues;
  /** The org's check of a mapping (fields, relationships, types), through the caller's Salesforce access. */
  checkMapping(mapping: FieldMapping): Promise<MappingIssue[]>;
  /** Runs the save as an optimistic WATCH/MULTI transaction on a connection of its own. */
  transactions: Transactions;
  /** When given, the save's audit entry is written in the same MULTI as the version. */
  audit?: AuditStore;
  clock?: () => Date;
}

export type SaveMappingResult =
  | { ok: true; version: MappingVersion; changed: boolean }
  | { ok: false; issues: MappingIssue[] };

/** The org check through a worker's Salesforce session (the API passes its own org access instead). */
export function mappingCheckThrough(salesforce: SalesforceSession): (mapping: FieldMapping) => Promise<MappingIssue[]> {
  return (mapping) => salesforce.call((connection) => validateMappingAgainstOrg(mapping, describeThrough(connection)));
}

/** `Ada Admin (005…)`, or the bare id or name when that is all there is. */
function authorText(by: AuditActor | string): string {
  if (typeof by === 'string') return by;
  return by.name === by.userId ? by.userId : `${by.name} (${by.userId})`;
}

export async function saveMapping(
  deps: MappingSaveDeps,
  document: unknown,
  by: AuditActor | string,
): Promise<SaveMappingResult> {
  const parsed = parseFieldMapping(document);
  if (!parsed.ok) return parsed;
  const { mapping } = parsed;
  const issues = await deps.checkMapping(mapping);
  if (issues.length > 0) return { ok: false, issues };
  const now = deps.clock?.() ?? new Date();
  const saved = await deps.transactions.run(deps.store.mapping.watchKeys(), async () => {
    const current = await deps.store.mapping.current();
    if (current && canonicalJson(current.mapping) === canonicalJson(mapping)) {
      return { done: { version: current, changed: false } };
    }
    const next = deps.store.mapping.nextVersion(current, mapping, authorText(by), now);
    return {
      value: { version: next.version, changed: true },
      write: (multi) => {
        next.write(multi);
        if (deps.audit && typeof by !== 'string') {
          deps.audit.append(multi, {
            at: next.version.createdAt,
            actor: by,
            action: 'mapping.save',
            target: `mapping:v${next.version.version}`,
            before: current?.mapping ?? null,
            after: mapping,
          });
        }
      },
    };
  });
  if (saved.changed) await enqueueSync(deps.queues, 'full', `mapping:v${saved.version.version}`, now);
  return { ok: true, ...saved };
}
