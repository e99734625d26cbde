/**
 * The API's routes, one function each, so the paths live in one place
 * (`packages/api/src/routes/{rep,manager,ops,admin}.ts`).
 */
import type { ApiClient } from './client.js';
import type {
  Comparison,
  Dispute,
  DisputeList,
  Estimate,
  FieldMapping,
  History,
  MappingOverview,
  MappingPreview,
  MappingSaved,
  Me,
  Plan,
  PlanFields,
  PlanList,
  PlanSaved,
  RecordErrors,
  RetryOutcome,
  StatementView,
  SyncQueued,
  SyncRun,
  SyncRunView,
  SyncStatus,
  TeamSummary,
  TierPosition,
  ValidationResult,
  WhatIfDeal,
} from './types.js';

const rep = (repId: string) => `/api/reps/${encodeURIComponent(repId)}`;
const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const endpoints = {
  me: (api: ApiClient, signal?: AbortSignal) => api.get<Me>('/api/me', withSignal(signal)),

  history: (api: ApiClient, repId: string, signal?: AbortSignal) =>
    api.get<History>(`${rep(repId)}/history`, withSignal(signal)),

  statements: (api: ApiClient, repId: string, period: string, signal?: AbortSignal) =>
    api.get<StatementView>(`${rep(repId)}/statements/${encodeURIComponent(period)}`, withSignal(signal)),

  attainment: (api: ApiClient, repId: string, period: string, signal?: AbortSignal) =>
    api.get<TierPosition>(`${rep(repId)}/attainment`, { query: { period }, ...withSignal(signal) }),

  planFields: (api: ApiClient, repId: string, period: string, signal?: AbortSignal) =>
    api.get<PlanFields>(`${rep(repId)}/plan-fields`, { query: { period }, ...withSignal(signal) }),

  team: (api: ApiClient, period: string, signal?: AbortSignal) =>
    api.get<TeamSummary>('/api/team', { query: { period }, ...withSignal(signal) }),

  estimate: (api: ApiClient, repId: string, deal: WhatIfDeal) => api.post<Estimate>(`${rep(repId)}/estimate`, deal),

  openDispute: (api: ApiClient, repId: string, period: string, lineKey: string, reason: string) =>
    api.post<Dispute>(`${rep(repId)}/disputes`, { period, lineKey, reason }),

  syncStatus: (api: ApiClient, signal?: AbortSignal) => api.get<SyncStatus>('/api/ops/sync', withSignal(signal)),

  requestSync: (api: ApiClient, kind: SyncRun['kind']) => api.post<SyncQueued>('/api/ops/sync', { kind }),

  syncRun: (api: ApiClient, runId: string, signal?: AbortSignal) =>
    api.get<SyncRunView>(`/api/ops/sync/runs/${encodeURIComponent(runId)}`, withSignal(signal)),

  recordErrors: (api: ApiClient, signal?: AbortSignal) => api.get<RecordErrors>('/api/ops/errors', withSignal(signal)),

  retryErrors: (api: ApiClient, recordIds: string[], writeErrorKeys: string[]) =>
    api.post<RetryOutcome>('/api/ops/errors/retry', { recordIds, writeErrorKeys }),

  disputes: (api: ApiClient, status: 'open' | 'all', signal?: AbortSignal) =>
    api.get<DisputeList>('/api/ops/disputes', { query: { status }, ...withSignal(signal) }),

  resolveDispute: (api: ApiClient, disputeId: string, outcome: 'accepted' | 'rejected', note: string) =>
    api.post<Dispute>(`/api/ops/disputes/${encodeURIComponent(disputeId)}/resolve`, { outcome, note }),

  mapping: (api: ApiClient, signal?: AbortSignal) => api.get<MappingOverview>('/api/admin/mapping', withSignal(signal)),

  previewMapping: (api: ApiClient, mapping: FieldMapping) =>
    api.post<MappingPreview>('/api/admin/mapping/preview', { mapping }),

  saveMapping: (api: ApiClient, mapping: FieldMapping) => api.put<MappingSaved>('/api/admin/mapping', { mapping }),

  plans: (api: ApiClient, signal?: AbortSignal) => api.get<PlanList>('/api/admin/plans', withSignal(signal)),

  validatePlan: (api: ApiClient, plan: unknown) => api.post<ValidationResult>('/api/admin/plans/validate', { plan }),

  comparePlan: (api: ApiClient, plan: unknown) => api.post<Comparison>('/api/admin/plans/compare', { plan }),

  savePlan: (api: ApiClient, plan: Plan) =>
    api.put<PlanSaved>(`/api/admin/plans/${encodeURIComponent(plan.id)}`, { plan }),
};
