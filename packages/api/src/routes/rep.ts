/**
 * Reps (and, for people under them, their managers; and ops and admins): statements with lines and
 * explanations, history, tier position, what-if, disputes. `:repId` is `me` or a user id; another
 * rep's id is a 403 unless the caller manages them (anywhere above them in the ManagerId tree) or
 * holds Attain_Ops / Attain_Admin — the same answer whether that rep exists or not.
 */
import { readableRep } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { route } from '../http/route.js';
import { bodyIssues } from '../http/validate.js';
import { repParams, repPeriodParams } from '../schemas/common.js';
import { estimateSchema, whatIfDealSchema } from '../schemas/engine.js';
import {
  attainmentQuerySchema,
  disputeCreateSchema,
  disputeListSchema,
  disputeSchema,
  historySchema,
  meSchema,
  planFieldsSchema,
  statementViewSchema,
  tierPositionSchema,
} from '../schemas/rep.js';
import { openDispute } from '../services/disputes.js';
import { planFields } from '../services/plan-fields.js';
import { planPosition } from '../services/tier-position.js';
import { whatIf } from '../services/what-if.js';

const today = (clock: () => Date) => clock().toISOString().slice(0, 10);

/** The period asked for, else the period of the rep's plan that contains today (none: 404). */
function periodAsked(asked: string | undefined, current: string | undefined): string {
  const period = asked ?? current;
  if (period === undefined) throw ApiError.notFound('no plan is assigned today; ask for a period');
  return period;
}

export const repRoutes = [
  route({
    method: 'get',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'Who the token speaks for, and what Salesforce lets them do',
    tag: 'rep',
    access: 'user',
    responses: { 200: { description: 'the caller', schema: meSchema } },
    async handle({ principal }) {
      return {
        body: {
          userId: principal.userId,
          name: principal.name,
          roles: { admin: principal.isAdmin, ops: principal.isOps, manager: principal.isManager, rep: true as const },
          teamSize: principal.isManager ? principal.directory.teamOf(principal.userId).length : 0,
        },
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/reps/:repId/statements/:period',
    operationId: 'getStatements',
    summary: 'A rep’s statements of one period, with every line and its explanation',
    description:
      'One statement per plan the rep was on in the period. `stale` says a change waits to be computed. `deals` ' +
      'describes each deal the lines name (its Salesforce record name, amount, currency, close date).',
    tag: 'rep',
    access: 'user',
    params: repPeriodParams,
    responses: { 200: { description: 'the statements (none: an empty list)', schema: statementViewSchema } },
    async handle({ principal, params, api }) {
      const repId = readableRep(principal, params.repId);
      const { corporateCurrency } = (await api.inputs.current()).base;
      return {
        body: await api.statements.view(repId, params.period, (ids) => api.disputes.byIds(ids), corporateCurrency),
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/reps/:repId/history',
    operationId: 'getHistory',
    summary: 'Every period a rep has statements for, with totals',
    tag: 'rep',
    access: 'user',
    params: repParams,
    responses: { 200: { description: 'oldest period first', schema: historySchema } },
    async handle({ principal, params, api }) {
      const repId = readableRep(principal, params.repId);
      return { body: { repId, periods: await api.statements.history(repId) } };
    },
  }),

  route({
    method: 'get',
    path: '/api/reps/:repId/attainment',
    operationId: 'getAttainment',
    summary: 'Attainment and tier position: how much more credit reaches the next tier, and what it pays',
    description:
      'Per plan of the period: for each tiered component the current and next tier (rate, bounds, credited amount ' +
      'still to go, rounded up to the currency) and for each gated component what reaching its minimum unlocks.',
    tag: 'rep',
    access: 'user',
    params: repParams,
    query: attainmentQuerySchema,
    errors: [404],
    responses: { 200: { description: 'the position', schema: tierPositionSchema } },
    async handle({ principal, params, query, api }) {
      const repId = readableRep(principal, params.repId);
      const inputs = await api.inputs.current();
      const period = periodAsked(query.period, inputs.planOn(repId, today(api.clock))?.period);
      const { stored } = await api.statements.raw(repId, period);
      const plans = (stored?.statements ?? []).flatMap((statement) => {
        const plan = inputs.plan(statement.planId);
        return plan ? [planPosition(statement, plan, inputs.quota(repId, period))] : [];
      });
      return { body: { repId, period, computedAt: stored?.computedAt ?? null, plans } };
    },
  }),

  route({
    method: 'get',
    path: '/api/reps/:repId/plan-fields',
    operationId: 'getPlanFields',
    summary: 'The deal fields the rep’s plans filter on, with the values the filters name (for the what-if)',
    description:
      'The plans the rep is assigned to in the period (default: the period of the rep’s plan that contains today) ' +
      'and, for each deal field (`fields.<name>`) their component or quota filters name, the operators and values used.',
    tag: 'rep',
    access: 'user',
    params: repParams,
    query: attainmentQuerySchema,
    errors: [404],
    responses: { 200: { description: 'the fields', schema: planFieldsSchema } },
    async handle({ principal, params, query, api }) {
      const repId = readableRep(principal, params.repId);
      const inputs = await api.inputs.current();
      const period = periodAsked(query.period, inputs.planOn(repId, today(api.clock))?.period);
      const plans = inputs.plansIn(repId, period);
      return {
        body: {
          repId,
          period,
          plans: plans.map((plan) => ({ planId: plan.id, name: plan.name ?? null, currency: plan.currency })),
          fields: planFields(plans),
        },
      };
    },
  }),

  route({
    method: 'post',
    path: '/api/reps/:repId/estimate',
    operationId: 'estimateDeal',
    summary: 'What-if: what a hypothetical deal would add to the rep’s statement',
    description:
      'Through the engine’s estimate over the rep’s deals of the period the deal lands in. Owner is the rep, ' +
      '`won` defaults to true and `currency` to the corporate currency; an `id` of an existing deal replaces it.',
    tag: 'rep',
    access: 'user',
    params: repParams,
    body: whatIfDealSchema,
    responses: { 200: { description: 'before, after and the difference', schema: estimateSchema } },
    async handle({ principal, params, body, api }) {
      const repId = readableRep(principal, params.repId);
      const result = await whatIf(api.store, await api.inputs.current(), repId, body);
      if (!result.ok) throw bodyIssues(result.issues, []);
      return { body: result.value };
    },
  }),

  route({
    method: 'get',
    path: '/api/reps/:repId/disputes',
    operationId: 'listRepDisputes',
    summary: 'A rep’s disputes and their status',
    tag: 'rep',
    access: 'user',
    params: repParams,
    responses: { 200: { description: 'newest first', schema: disputeListSchema } },
    async handle({ principal, params, api }) {
      const repId = readableRep(principal, params.repId);
      return { body: { disputes: await api.disputes.ofRep(repId) } };
    },
  }),

  route({
    method: 'post',
    path: '/api/reps/:repId/disputes',
    operationId: 'openDispute',
    summary: 'Dispute a line of your own statement',
    description: 'Only the rep the line pays may dispute it; one open dispute per line.',
    tag: 'rep',
    access: 'user',
    params: repParams,
    body: disputeCreateSchema,
    errors: [404, 409],
    responses: { 201: { description: 'the dispute, open', schema: disputeSchema } },
    async handle({ principal, params, body, api }) {
      const repId = readableRep(principal, params.repId);
      if (repId !== principal.userId) throw ApiError.forbidden('only the rep the line pays may dispute it');
      const dispute = await openDispute(api, { userId: principal.userId, name: principal.name }, { repId, ...body });
      return { status: 201, body: dispute };
    },
  }),
];
