/**
 * The API's documents as the widget reads them (`packages/api/src/schemas/*.ts`).
 * Engine documents (Statement, Line, Plan, Estimate, Comparison) are the engine's own types,
 * imported as types only: nothing of the engine is bundled.
 */
import type { Comparison, Deal, Estimate, Issue, Line, Plan, Statement, Warning } from '@attain/engine';

export type { Comparison, Deal, Estimate, Issue, Line, Plan, Statement, Warning };

/** `GET /api/me`. */
export interface Me {
  userId: string;
  name: string;
  roles: { admin: boolean; ops: boolean; manager: boolean; rep: true };
  /** People under the caller in the ManagerId tree. */
  teamSize: number;
}

export const DisputeStatus = { open: 'open', accepted: 'accepted', rejected: 'rejected' } as const;
export type DisputeStatus = (typeof DisputeStatus)[keyof typeof DisputeStatus];

export interface LineView extends Line {
  /** The line's stable key: the External_Key__c of its Commission__c record. */
  lineKey: string;
  dispute: { id: string; status: DisputeStatus } | null;
}

export type StatementWithKeys = Omit<Statement, 'lines'> & { lines: LineView[] };

/** A deal the lines name: its Salesforce record name (null when the object has none) and figures. */
export interface StatementDeal {
  id: string;
  name: string | null;
  amount: string;
  currency: string;
  closeDate: string;
}

/** `GET /api/reps/:repId/statements/:period`. */
export interface StatementView {
  repId: string;
  period: string;
  computedAt: string | null;
  /** A change waits to be computed into these statements. */
  stale: boolean;
  statements: StatementWithKeys[];
  warnings: Warning[];
  /** The deals the lines name (absent from APIs older than this field). */
  deals?: StatementDeal[];
}

export type FilterValue = string | number | boolean;

/** `GET /api/reps/:repId/plan-fields?period=`: the deal fields the rep's plans filter on. */
export interface PlanFields {
  repId: string;
  period: string;
  plans: { planId: string; name: string | null; currency: string }[];
  fields: {
    name: string;
    ops: string[];
    values: FilterValue[];
    usedBy: { planId: string; componentId: string | null }[];
  }[];
}

export type StatementSummary = Omit<Statement, 'lines'> & { lineCount: number };

/** `GET /api/reps/:repId/history`: oldest period first. */
export interface History {
  repId: string;
  periods: { period: string; computedAt: string; statements: StatementSummary[] }[];
}

export interface TierRef {
  tier: number;
  rate: string;
  /** Credited amount where the tier starts / where the next one starts (null: open-ended). */
  from: string;
  upTo: string | null;
}

/** `GET /api/reps/:repId/attainment?period=`. */
export interface TierPosition {
  repId: string;
  period: string;
  computedAt: string | null;
  plans: {
    planId: string;
    currency: string;
    quota: string | null;
    credited: string;
    attainment: string | null;
    total: string;
    tiered: {
      componentId: string;
      basis: 'attainment' | 'amount';
      mode: 'marginal' | 'retroactive';
      quotaMissing: boolean;
      current: TierRef | null;
      next: (TierRef & { creditedToGo: string }) | null;
    }[];
    gates: {
      componentId: string;
      minAttainment: string;
      reached: boolean;
      quotaMissing: boolean;
      creditedToGo: string | null;
      unlocks: string;
    }[];
  }[];
}

/** `GET /api/team?period=`. */
export interface TeamSummary {
  managerId: string;
  period: string;
  members: { repId: string; name: string; managerId: string | null; statements: StatementSummary[] }[];
}

export interface Dispute {
  id: string;
  repId: string;
  period: string;
  planId: string;
  currency: string;
  lineKey: string;
  /** A copy of the line when the dispute was raised (the line may change when the statement is recomputed). */
  line: { dealId?: string; componentId?: string; kind: string; tier?: number; amount: string; explain: string };
  reason: string;
  status: DisputeStatus;
  openedBy: string;
  openedAt: string;
  resolution?: { by: string; at: string; note: string };
}

export interface WhatIfDeal {
  amount: string;
  closeDate: string;
  currency?: string;
  fields?: Record<string, string | number | boolean | null>;
}

export interface SyncRun {
  id: string;
  kind: 'incremental' | 'full';
  status: 'running' | 'succeeded' | 'failed' | 'paused';
  startedAt: string;
  endedAt?: string;
  total?: number;
  counts: { read: number; created: number; updated: number; unchanged: number; deleted: number; errors: number };
  message?: string;
}

/** `POST /api/ops/sync`: `runId` is the run serving the request; null while an earlier run still goes. */
export interface SyncQueued {
  jobId: string | null;
  kind: SyncRun['kind'];
  requestedBy: string;
  runId?: string | null;
  runningRunId?: string | null;
}

/** `GET /api/ops/sync/runs/:runId`. */
export interface SyncRunView {
  runId: string;
  state: 'queued' | SyncRun['status'];
  run: SyncRun | null;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  failed: number;
  completed: number;
}

/** `GET /api/ops/sync`. */
export interface SyncStatus {
  runs: SyncRun[];
  freshness: {
    lastSucceededAt: string | null;
    secondsSinceLastSuccess: number | null;
    cursors: Record<string, string>;
  };
  apiBudget: {
    used: number | null;
    limit: number | null;
    observedAt: string | null;
    budgetFraction: number;
    paused: { reason: string; until: string } | null;
  };
  queues: Record<'sync' | 'compute' | 'writeback', QueueCounts>;
  pending: { dirtyStatements: number; pendingWriteback: number; recordErrors: number; writeErrors: number };
}

export interface RecordError {
  recordId: string | null;
  object: string;
  code: string;
  field?: string;
  reason: string;
}

/** `GET /api/ops/errors`. */
export interface RecordErrors {
  recordErrors: (RecordError & { runId: string; at: string })[];
  writeErrors: { ledgerKey: string; object: string; externalKey: string; code: string; message: string; at: string }[];
}

export interface RetryOutcome {
  fixed: string[];
  failing: RecordError[];
  queuedForWriteback: string[];
  queuedForSync: string[];
  unknown: string[];
}

export interface DescribedField {
  name: string;
  type: string;
  referenceTo?: string[] | null;
  relationshipName?: string | null;
  /** The field's label in the org. */
  label?: string;
  /** Picklists only: the values the org defines. */
  picklistValues?: { value: string; label: string; active: boolean }[];
}

export interface DescribedObject {
  name: string;
  label?: string;
  fields: DescribedField[];
  childRelationships: { relationshipName?: string | null; childSObject: string; field: string }[];
}

export type WonRule = { field: string } | { stageField?: string; stages: string[] };
export type ExtraField = { path: string } | { child: string; path: string; pick?: 'only' | 'first' };

/** The field mapping document (the sync worker's `fieldMappingSchema`); what the mapper does not edit is kept. */
export interface FieldMapping {
  object?: string;
  id?: string;
  owner?: string;
  amount?: string;
  closeDate?: string;
  won?: WonRule;
  currency?: string;
  fields?: Record<string, ExtraField>;
  [other: string]: unknown;
}

export interface MappingVersion {
  version: number;
  mapping: FieldMapping;
  author: string;
  createdAt: string;
}

/** `GET /api/admin/mapping`. */
export interface MappingOverview {
  current: MappingVersion | null;
  /** The mapping in force (the default before the first save). */
  effective: FieldMapping;
  versions: { version: number; author: string; createdAt: string }[];
  describe: DescribedObject | null;
}

/** `POST /api/admin/mapping/preview`. */
export interface MappingPreview {
  valid: boolean;
  issues: Issue[];
  soql: string | null;
  records: { recordId: string | null; deal: Deal | null; deleted: boolean; error: RecordError | null }[];
}

export interface ValidationResult {
  valid: boolean;
  issues: Issue[];
}
