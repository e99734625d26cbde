/**
 * Saving a new field-mapping version, as the admin API will: check the document's shape, check it
 * against the org's describe, keep it as a new version (with who and when), and queue a full
 * resync — a new mapping can change every deal, so every statement is recomputed from it.
 */

import type { SalesforceSession } from '@attain/salesforce';
import { describeThrough, type MappingIssue, parseFieldMapping, validateMappingAgainstOrg } from '@attain/salesforce';
import type { AttainQueues } from '../queues/queues.js';
import { enqueueSync } from '../queues/queues.js';
import type { Store } from '../store/index.js';
import type { MappingVersion } from '../store/mapping-store.js';

export interface MappingAdminDeps {
  store: Store;
  queues: AttainQueues;
  salesforce: SalesforceSession;
}

export type SaveMappingResult = { ok: true; version: MappingVersion } | { ok: false; issues: MappingIssue[] };

export async function saveMapping(
  deps: MappingAdminDeps,
  document: unknown,
  author: string,
): Promise<SaveMappingResult> {
  const parsed = parseFieldMapping(document);
  if (!parsed.ok) return parsed;
  const issues = await deps.salesforce.call((connection) =>
    validateMappingAgainstOrg(parsed.mapping, describeThrough(connection)),
  );
  if (issues.length > 0) return { ok: false, issues };
  const version = await deps.store.mapping.save(parsed.mapping, author);
  await enqueueSync(deps.queues, 'full', `mapping:v${version.version}`);
  return { ok: true, version };
}
