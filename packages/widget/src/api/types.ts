/**
 * The API's documents as the widget reads and sends them. Nothing is declared here: every type comes
 * from `@attain/api/contract` (`packages/api/src/contract.ts`), which derives it from the zod
 * schemas the API checks requests with and documents its answers with. These imports are type-only
 * (erased from the bundle: nothing of the API or of zod is shipped), and `tsc --noEmit -p
 * packages/widget` fails when a schema no longer gives what a component reads (README, "One contract").
 */
export type {
  Comparison,
  DescribedObject,
  Dispute,
  DisputeList,
  DisputeStatus,
  Estimate,
  FieldMapping as FieldMappingSent,
  History,
  Line,
  MappingCheck,
  MappingOverview,
  MappingPreview,
  MappingSaved,
  MappingVersion,
  Me,
  Plan,
  PlanFields,
  PlanList,
  PlanSaved,
  Problem,
  RecordError,
  RecordErrors,
  RetryOutcome,
  Statement,
  StatementDeal,
  StatementSummary,
  StatementView,
  SyncQueued,
  SyncRun,
  SyncRunView,
  SyncStatus,
  TeamSummary,
  TierPosition,
  ValidationResult,
  Warning,
} from '@attain/api/contract';

import type {
  DescribedObject,
  FieldMappingRequest,
  MappingPreview,
  PlanFields,
  Problem,
  StatementLine,
  StatementView,
  SyncStatus,
  TierPosition,
  WhatIfDealRequest,
} from '@attain/api/contract';

/** One problem the API reports (a plan's, a mapping's): `{ code, path, message }`. */
export type Issue = Problem;
/** A statement line with its key (the `External_Key__c` of its `Commission__c`) and dispute status. */
export type LineView = StatementLine;
export type StatementWithKeys = StatementView['statements'][number];
/** A deal as the mapping preview shows it. */
export type Deal = NonNullable<MappingPreview['records'][number]['deal']>;
export type FilterValue = PlanFields['fields'][number]['values'][number];
export type TierRef = NonNullable<TierPosition['plans'][number]['tiered'][number]['current']>;
export type QueueCounts = SyncStatus['queues']['sync'];
export type DescribedField = DescribedObject['fields'][number];
/** The what-if deal the widget sends. */
export type WhatIfDeal = WhatIfDealRequest;
/** The field mapping as the mapper edits and sends it (defaults may be left out; what it does not edit is kept). */
export type FieldMapping = FieldMappingRequest;
export type WonRule = NonNullable<FieldMapping['won']>;
export type ExtraField = NonNullable<FieldMapping['fields']>[string];
