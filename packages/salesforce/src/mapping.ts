/**
 * The admin's field mapping: which Salesforce object and fields give the engine's deal. Stored as a
 * JSON document (versioned in Redis); this file owns its schema and defaults. Whether the named
 * fields exist in the org, with the right types, is `validateMappingAgainstOrg`'s job.
 */
import { formatPath, type Problem } from '@attain/engine';
import { z } from 'zod';

/** `Amount`, `Account.Industry`, `Product2.Family`: a field, optionally behind parent relationships. */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const fieldPath = z.string().regex(FIELD_PATH, { error: 'must be a field API name or a path like Account.Industry' });
const apiName = z.string().regex(API_NAME, { error: 'must be an API name like Opportunity or My_Object__c' });

/** Won is a boolean field (`IsWon`), or membership of a stage field in a list of stages. */
const wonSchema = z.union([
  z.strictObject({ field: fieldPath }),
  z.strictObject({ stageField: fieldPath.default('StageName'), stages: z.array(z.string().min(1)).min(1) }),
]);

const splitsSchema = z.strictObject({
  /** The child relationship of the split object (`OpportunitySplits`). */
  relationship: apiName.default('OpportunitySplits'),
  /** `OpportunitySplitType.DeveloperName` to keep (`Revenue`); absent = every split. */
  splitType: z.string().regex(API_NAME).optional(),
  owner: fieldPath.default('SplitOwnerId'),
  percent: fieldPath.default('SplitPercentage'),
});

/**
 * A named extra field (`Deal.fields[name]`), for plan filters. Either a field of the object itself
 * (or behind parents: `Account.Industry`), or a field of a child relationship's records (`family` ←
 * `OpportunityLineItems` / `Product2.Family`): a deal has one value per name, so `pick` says which
 * child gives it — `only` (all children must agree, or the record is reported), `first` (lowest Id).
 */
const extraFieldSchema = z.union([
  z.strictObject({ path: fieldPath }),
  z.strictObject({ child: apiName, path: fieldPath, pick: z.enum(['only', 'first']).default('only') }),
]);

export const fieldMappingSchema = z.strictObject({
  object: apiName.default('Opportunity'),
  id: fieldPath.default('Id'),
  owner: fieldPath.default('OwnerId'),
  amount: fieldPath.default('Amount'),
  closeDate: fieldPath.default('CloseDate'),
  won: wonSchema.default({ field: 'IsWon' }),
  /** Absent: every deal is in the corporate currency (orgs without multi-currency). */
  currency: fieldPath.optional(),
  splits: splitsSchema.optional(),
  fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), extraFieldSchema).default({}),
  /**
   * Assignments from a User field holding a plan id (absent: assignments come from an admin import).
   * The field says only which plan a rep is on now, so each becomes one open-ended assignment from `from`.
   */
  assignments: z
    .strictObject({
      userPlanField: fieldPath,
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-01-01' })
        .default('2000-01-01'),
    })
    .optional(),
  /**
   * Quotas from `ForecastingQuota` (amount quotas without product family; of one forecasting type
   * when named) or an admin import.
   */
  quotas: z
    .strictObject({
      source: z.enum(['ForecastingQuota', 'import']),
      forecastingType: z.string().regex(API_NAME).optional(),
    })
    .default({ source: 'import' }),
});

export type FieldMapping = z.output<typeof fieldMappingSchema>;
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;
export type ExtraFieldSource = FieldMapping['fields'][string];
export type WonRule = FieldMapping['won'];
export type SplitsMapping = NonNullable<FieldMapping['splits']>;

/** One problem in a mapping document or with the org: Attain's one problem shape, path in the mapping. */
export type MappingIssue = Problem;

export type MappingParseResult = { ok: true; mapping: FieldMapping } | { ok: false; issues: MappingIssue[] };

/** Checks the shape of a mapping document and fills in the defaults (Opportunity's standard fields). */
export function parseFieldMapping(document: unknown): MappingParseResult {
  const parsed = fieldMappingSchema.safeParse(document);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      code: 'bad_mapping',
      path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
      message: issue.message,
    })),
  };
}

/** `fields.family.path: unknown field …` — one line for one issue (`(mapping)` for the whole document). */
export function formatMappingIssue(issue: MappingIssue): string {
  return `${formatPath(issue.path) || '(mapping)'}: ${issue.message}`;
}

/** The mapping most orgs start from: standard Opportunity fields, revenue splits off, no extras. */
export const DEFAULT_FIELD_MAPPING: FieldMapping = fieldMappingSchema.parse({});
