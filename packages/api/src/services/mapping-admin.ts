/**
 * The field mapping screens: the current version and its history with the describe of the mapped
 * object; a check of a document against the org; a preview (five recent records through the
 * document); and saving a new version through the store's one save path (`@attain/store`'s
 * `saveMapping`: checked against the org, written with its audit entry in one transaction, then a
 * full resync queued, since a new mapping can change every deal).
 */
import type { Deal } from '@attain/engine';
import {
  DEFAULT_FIELD_MAPPING,
  type FieldMapping,
  type MappingIssue,
  normalizeRecord,
  type RecordError,
} from '@attain/salesforce';
import type {
  AttainQueues,
  AuditActor,
  AuditStore,
  MappingVersion,
  SaveMappingResult,
  Store,
  Transactions,
} from '@attain/store';
import { saveMapping } from '@attain/store';
import { ApiError } from '../errors.js';
import type { LabelledObject, OrgAccess } from './org-access.js';

export const PREVIEW_SIZE = 5;

export interface MappingDeps {
  store: Store;
  audit: AuditStore;
  queues: AttainQueues;
  org: OrgAccess;
  transactions: Transactions;
  clock: () => Date;
}

export interface MappingOverview {
  current: MappingVersion | null;
  /** The mapping in force: the current version's, or the default before the first save. */
  effective: FieldMapping;
  versions: { version: number; author: string; createdAt: string }[];
  describe: LabelledObject | null;
}

export async function mappingOverview(deps: MappingDeps): Promise<MappingOverview> {
  const history = await deps.store.mapping.history();
  const current = history[history.length - 1] ?? null;
  const effective = current?.mapping ?? DEFAULT_FIELD_MAPPING;
  return {
    current,
    effective,
    versions: history.map(({ version, author, createdAt }) => ({ version, author, createdAt })),
    describe: await deps.org.describe(effective.object),
  };
}

export interface PreviewRecord {
  recordId: string | null;
  deal: Deal | null;
  deleted: boolean;
  error: RecordError | null;
}

export async function previewMapping(
  deps: MappingDeps,
  mapping: FieldMapping,
): Promise<{ valid: boolean; issues: MappingIssue[]; soql: string | null; records: PreviewRecord[] }> {
  const issues = await deps.org.checkMapping(mapping);
  // A mapping the org cannot serve would only make Salesforce refuse the query.
  if (issues.length > 0) return { valid: false, issues, soql: null, records: [] };
  const { soql, records } = await deps.org.sample(mapping, PREVIEW_SIZE);
  return {
    valid: true,
    issues,
    soql,
    records: records.map((record) => {
      const result = normalizeRecord(record, mapping);
      if (result.kind === 'deal') return { recordId: result.deal.id, deal: result.deal, deleted: false, error: null };
      if (result.kind === 'deleted') return { recordId: result.id, deal: null, deleted: true, error: null };
      return { recordId: result.error.recordId, deal: null, deleted: false, error: result.error };
    }),
  };
}

/** Saves through the store's one save path: checked against the org, written with its audit entry, then a full resync. */
export function saveMappingVersion(
  deps: MappingDeps,
  actor: AuditActor,
  mapping: FieldMapping,
): Promise<SaveMappingResult> {
  return saveMapping(
    {
      store: deps.store,
      queues: deps.queues,
      checkMapping: (candidate) => deps.org.checkMapping(candidate),
      transactions: deps.transactions,
      audit: deps.audit,
      clock: deps.clock,
    },
    mapping,
    actor,
  );
}

/** Issues from the org check as a 400 naming the fields of the request body. */
export function mappingRefused(issues: MappingIssue[]): ApiError {
  return ApiError.invalid(
    issues.map((issue) => ({
      in: 'body' as const,
      path: ['mapping', ...issue.path],
      code: issue.code,
      message: issue.message,
    })),
  );
}
