/**
 * The wire format as TypeScript types, derived from the zod schemas that check requests and
 * describe responses (`schemas/*.ts`, also the source of `GET /api/openapi.json`): the schemas are
 * the only definition, these are what they say. `Sent` types are what the API sends
 * (`z.output`), `Accepted` types what it accepts (`z.input`: defaults may be left out).
 *
 * Types only: this module imports nothing at run time, and the package index re-exports it with
 * `export type`, so a client (the widget) that takes these with `import type` bundles nothing of the
 * API or of zod, and its type-check fails as soon as the schemas and what it reads disagree.
 */
import type { z } from 'zod';
import type * as admin from './schemas/admin.js';
import type * as common from './schemas/common.js';
import type * as engine from './schemas/engine.js';
import type * as ops from './schemas/ops.js';
import type * as rep from './schemas/rep.js';
import type * as system from './schemas/system.js';

type Sent<S extends z.ZodType> = z.output<S>;
type Accepted<S extends z.ZodType> = z.input<S>;

// Problems and errors
/** Attain's one problem shape: `{ code, path, message }`, lower snake_case codes. */
export type Problem = Sent<typeof common.problemSchema>;
/** A problem with a request, with the request part (`body`, `query`, `path`, `header`) its path starts in. */
export type RequestIssue = Sent<typeof common.issueSchema>;
/** Every 4xx/5xx body: `{ error: { code, message, issues? } }`. */
export type ErrorBody = Sent<typeof common.errorBody>;
/** A document's check: valid, or every problem (plans, assignments, quotas, field mappings). */
export type ValidationResult = Sent<typeof common.validationResult>;

// Engine documents as the API sends and accepts them
export type Plan = Sent<typeof engine.planSchema>;
export type PlanComponent = Sent<typeof engine.componentSchema>;
export type Filter = Sent<typeof engine.filterSchema>;
export type Assignment = Sent<typeof engine.assignmentSchema>;
export type Quota = Sent<typeof engine.quotaSchema>;
export type Line = Sent<typeof engine.lineSchema>;
export type Statement = Sent<typeof engine.statementSchema>;
export type StatementSummary = Sent<typeof engine.statementSummarySchema>;
export type Warning = Sent<typeof engine.warningSchema>;
export type Estimate = Sent<typeof engine.estimateSchema>;
export type Comparison = Sent<typeof engine.comparisonSchema>;
/** `POST /api/reps/:repId/estimate`. */
export type WhatIfDealRequest = Accepted<typeof engine.whatIfDealSchema>;

// Reps and managers
export type Me = Sent<typeof rep.meSchema>;
export type DisputeStatus = Sent<typeof rep.disputeStatusSchema>;
export type Dispute = Sent<typeof rep.disputeSchema>;
export type DisputeList = Sent<typeof rep.disputeListSchema>;
/** `POST /api/reps/:repId/disputes`. */
export type DisputeRequest = Accepted<typeof rep.disputeCreateSchema>;
/** A statement line with its stable key and dispute status. */
export type StatementLine = Sent<typeof rep.lineViewSchema>;
export type StatementDeal = Sent<typeof rep.statementDealSchema>;
export type StatementView = Sent<typeof rep.statementViewSchema>;
export type History = Sent<typeof rep.historySchema>;
export type TierPosition = Sent<typeof rep.tierPositionSchema>;
export type TeamSummary = Sent<typeof rep.teamSchema>;
export type PlanFields = Sent<typeof rep.planFieldsSchema>;

// Ops
export type SyncRun = Sent<typeof ops.syncRunSchema>;
export type SyncStatus = Sent<typeof ops.syncStatusSchema>;
/** `POST /api/ops/sync`. */
export type SyncRequest = Accepted<typeof ops.syncRequestSchema>;
export type SyncQueued = Sent<typeof ops.syncQueuedSchema>;
export type SyncRunView = Sent<typeof ops.syncRunViewSchema>;
/** A record that could not become a deal: a problem whose path is the field in the record. */
export type RecordError = Sent<typeof ops.recordErrorSchema>;
export type RecordErrors = Sent<typeof ops.errorsSchema>;
/** `POST /api/ops/errors/retry`. */
export type RetryRequest = Accepted<typeof ops.retryRequestSchema>;
export type RetryOutcome = Sent<typeof ops.retryOutcomeSchema>;
/** `POST /api/ops/disputes/:disputeId/resolve`. */
export type ResolveRequest = Accepted<typeof ops.resolveRequestSchema>;
export type BoardTicket = Sent<typeof ops.boardTicketSchema>;

// Admins
/** A field mapping as the API sends it: every default filled in. */
export type FieldMapping = Sent<typeof admin.mappingDocument>;
/** A field mapping as the API accepts it (`PUT /api/admin/mapping`, preview, check): defaults may be left out. */
export type FieldMappingRequest = Accepted<typeof admin.mappingDocument>;
export type MappingVersion = Sent<typeof admin.mappingVersion>;
export type DescribedObject = Sent<typeof admin.describedObject>;
export type MappingOverview = Sent<typeof admin.mappingOverviewSchema>;
export type MappingCheck = Sent<typeof admin.mappingCheckSchema>;
export type MappingPreview = Sent<typeof admin.mappingPreviewSchema>;
export type MappingSaved = Sent<typeof admin.mappingSavedSchema>;
export type PlanList = Sent<typeof admin.planListSchema>;
export type PlanSaved = Sent<typeof admin.planSavedSchema>;
/** `PUT /api/admin/plans/:planId`, validate, compare. */
export type PlanRequest = Accepted<typeof admin.planBodySchema>;
export type Assignments = Sent<typeof admin.assignmentsSchema>;
export type Quotas = Sent<typeof admin.quotasSchema>;
export type AuditPage = Sent<typeof admin.auditPageSchema>;

// Public
export type Health = Sent<typeof system.healthSchema>;
export type CanvasSession = Sent<typeof system.canvasSessionSchema>;
