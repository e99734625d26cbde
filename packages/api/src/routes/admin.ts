/**
 * Admins (Attain_Admin): the field mapping (read with the org's describe, check, preview, save a
 * version), plans (list, check, compare a new version with the current one over the stored deals,
 * save, delete), assignments and quotas (check, replace), and the audit log. Saves are all or
 * nothing: a document with one bad part is refused whole with every issue named, and leaves what
 * is stored untouched.
 */
import { validatePlan } from '@attain/engine';
import { ApiError } from '../errors.js';
import { route } from '../http/route.js';
import { bodyIssues } from '../http/validate.js';
import {
  assignmentsBodySchema,
  assignmentsSchema,
  auditPageSchema,
  auditQuerySchema,
  comparisonBodySchema,
  mappingBodySchema,
  mappingCheckSchema,
  mappingOverviewSchema,
  mappingPreviewSchema,
  mappingSavedSchema,
  planBodySchema,
  planIdParams,
  planListSchema,
  planSavedSchema,
  quotasBodySchema,
  quotasSchema,
} from '../schemas/admin.js';
import { validationResult } from '../schemas/common.js';
import { planSchema } from '../schemas/engine.js';
import {
  checkAssignments,
  checkQuotas,
  deletePlan,
  replaceAssignments,
  replaceQuotas,
  savePlan,
} from '../services/admin-inputs.js';
import { mappingOverview, mappingRefused, previewMapping, saveMappingVersion } from '../services/mapping-admin.js';
import { comparePlan } from '../services/what-if.js';

const IMPORT_LIMIT = '8mb';
const actorOf = (principal: { userId: string; name: string }) => ({ userId: principal.userId, name: principal.name });

export const adminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/mapping',
    operationId: 'getMapping',
    summary: 'The field mapping in force, its versions, and the describe of the mapped object',
    tag: 'admin',
    access: 'admin',
    errors: [502],
    responses: { 200: { description: 'the mapping', schema: mappingOverviewSchema } },
    async handle({ api }) {
      return { body: await mappingOverview(api) };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/mapping/validate',
    operationId: 'validateMapping',
    summary: 'Check a mapping document against the org (every object, relationship and field, with its type)',
    tag: 'admin',
    access: 'admin',
    body: mappingBodySchema,
    errors: [502],
    responses: { 200: { description: 'valid, or every issue', schema: mappingCheckSchema } },
    async handle({ body, api }) {
      const issues = await api.org.checkMapping(body.mapping);
      return { body: { valid: issues.length === 0, issues } };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/mapping/preview',
    operationId: 'previewMapping',
    summary: 'Five recently modified records of the org mapped to deals by a mapping document',
    tag: 'admin',
    access: 'admin',
    body: mappingBodySchema,
    errors: [502],
    responses: { 200: { description: 'the deals (or why each record cannot be one)', schema: mappingPreviewSchema } },
    async handle({ body, api }) {
      return { body: await previewMapping(api, body.mapping) };
    },
  }),

  route({
    method: 'put',
    path: '/api/admin/mapping',
    operationId: 'saveMapping',
    summary: 'Save a mapping document as a new version (checked against the org), then resync fully',
    tag: 'admin',
    access: 'admin',
    body: mappingBodySchema,
    errors: [409, 502],
    responses: { 200: { description: 'the version in force', schema: mappingSavedSchema } },
    async handle({ principal, body, api }) {
      const saved = await saveMappingVersion(api, actorOf(principal), body.mapping);
      if (!saved.ok) throw mappingRefused(saved.issues);
      return { body: { version: saved.version, changed: saved.changed } };
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/plans',
    operationId: 'listPlans',
    summary: 'Every plan',
    tag: 'admin',
    access: 'admin',
    responses: { 200: { description: 'plans by id', schema: planListSchema } },
    async handle({ api }) {
      return { body: { plans: (await api.inputs.current()).base.plans } };
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/plans/:planId',
    operationId: 'getPlan',
    summary: 'One plan',
    tag: 'admin',
    access: 'admin',
    params: planIdParams,
    errors: [404],
    responses: { 200: { description: 'the plan', schema: planSchema } },
    async handle({ params, api }) {
      const plan = (await api.inputs.current()).plan(params.planId);
      if (!plan) throw ApiError.notFound(`no plan ${params.planId}`);
      return { body: plan };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/plans/validate',
    operationId: 'validatePlan',
    summary: 'Check a plan document with the engine (plan-language v1)',
    tag: 'admin',
    access: 'admin',
    body: planBodySchema,
    responses: { 200: { description: 'valid, or every issue (paths inside the plan)', schema: validationResult } },
    async handle({ body }) {
      const checked = validatePlan(body.plan);
      return { body: { valid: checked.ok, issues: checked.ok ? [] : checked.issues } };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/plans/compare',
    operationId: 'comparePlan',
    summary: 'Compare a new version of a plan with the current one over the stored deals, before saving',
    description: 'Per rep and period of the reps assigned to the plan: the totals before, after and the difference.',
    tag: 'admin',
    access: 'admin',
    body: planBodySchema,
    responses: { 200: { description: 'the comparison', schema: comparisonBodySchema } },
    async handle({ body, api }) {
      const compared = await comparePlan(api.store, await api.inputs.current(), body.plan);
      if (!compared.ok) throw bodyIssues(compared.issues, ['plan']);
      return { body: compared.value };
    },
  }),

  route({
    method: 'put',
    path: '/api/admin/plans/:planId',
    operationId: 'savePlan',
    summary: 'Save a plan (all or nothing); statements are recomputed',
    tag: 'admin',
    access: 'admin',
    params: planIdParams,
    body: planBodySchema,
    responses: { 200: { description: 'the plan as stored', schema: planSavedSchema } },
    async handle({ principal, params, body, api }) {
      if (body.plan.id !== params.planId) {
        throw ApiError.invalid([
          {
            in: 'body',
            path: ['plan', 'id'],
            code: 'id_mismatch',
            message: `must be ${params.planId}, as in the path`,
          },
        ]);
      }
      const saved = await savePlan(api, actorOf(principal), body.plan);
      if (!saved.ok) throw bodyIssues(saved.issues, ['plan']);
      return { body: { plan: saved.value, changed: saved.changed } };
    },
  }),

  route({
    method: 'delete',
    path: '/api/admin/plans/:planId',
    operationId: 'deletePlan',
    summary: 'Delete a plan no assignment names',
    tag: 'admin',
    access: 'admin',
    params: planIdParams,
    errors: [404, 409],
    responses: { 204: { description: 'deleted' } },
    async handle({ principal, params, api, res }) {
      await deletePlan(api, actorOf(principal), params.planId);
      res.status(204).end();
      return 'handled';
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/assignments',
    operationId: 'getAssignments',
    summary: 'Every assignment of a rep to a plan',
    tag: 'admin',
    access: 'admin',
    responses: { 200: { description: 'the assignments', schema: assignmentsSchema } },
    async handle({ api }) {
      return { body: { assignments: (await api.inputs.current()).base.assignments } };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/assignments/validate',
    operationId: 'validateAssignments',
    summary: 'Check assignments against the stored plans',
    tag: 'admin',
    access: 'admin',
    body: assignmentsBodySchema,
    bodyLimit: IMPORT_LIMIT,
    responses: { 200: { description: 'valid, or every issue', schema: validationResult } },
    async handle({ body, api }) {
      const checked = await checkAssignments(api, body.assignments);
      return { body: { valid: checked.ok, issues: checked.ok ? [] : checked.issues } };
    },
  }),

  route({
    method: 'put',
    path: '/api/admin/assignments',
    operationId: 'replaceAssignments',
    summary: 'Replace every assignment (an import; all or nothing)',
    description: 'Refused with 409 MANAGED_BY_SALESFORCE when the field mapping takes assignments from a User field.',
    tag: 'admin',
    access: 'admin',
    body: assignmentsBodySchema,
    bodyLimit: IMPORT_LIMIT,
    errors: [409],
    responses: { 200: { description: 'the assignments as stored', schema: assignmentsSchema } },
    async handle({ principal, body, api }) {
      const saved = await replaceAssignments(api, actorOf(principal), body.assignments);
      if (!saved.ok) throw bodyIssues(saved.issues, []);
      return { body: { assignments: saved.value, changed: saved.changed } };
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/quotas',
    operationId: 'getQuotas',
    summary: 'Every quota',
    tag: 'admin',
    access: 'admin',
    responses: { 200: { description: 'the quotas', schema: quotasSchema } },
    async handle({ api }) {
      return { body: { quotas: (await api.inputs.current()).base.quotas } };
    },
  }),

  route({
    method: 'post',
    path: '/api/admin/quotas/validate',
    operationId: 'validateQuotas',
    summary: 'Check quotas',
    tag: 'admin',
    access: 'admin',
    body: quotasBodySchema,
    bodyLimit: IMPORT_LIMIT,
    responses: { 200: { description: 'valid, or every issue', schema: validationResult } },
    async handle({ body }) {
      const checked = checkQuotas(body.quotas);
      return { body: { valid: checked.ok, issues: checked.ok ? [] : checked.issues } };
    },
  }),

  route({
    method: 'put',
    path: '/api/admin/quotas',
    operationId: 'replaceQuotas',
    summary: 'Replace every quota (an import; all or nothing)',
    description: 'Refused with 409 MANAGED_BY_SALESFORCE when the field mapping takes quotas from ForecastingQuota.',
    tag: 'admin',
    access: 'admin',
    body: quotasBodySchema,
    bodyLimit: IMPORT_LIMIT,
    errors: [409],
    responses: { 200: { description: 'the quotas as stored', schema: quotasSchema } },
    async handle({ principal, body, api }) {
      const saved = await replaceQuotas(api, actorOf(principal), body.quotas);
      if (!saved.ok) throw bodyIssues(saved.issues, []);
      return { body: { quotas: saved.value, changed: saved.changed } };
    },
  }),

  route({
    method: 'get',
    path: '/api/admin/audit',
    operationId: 'getAuditLog',
    summary: 'The audit log: every change made through the API, newest first',
    tag: 'admin',
    access: 'admin',
    query: auditQuerySchema,
    responses: { 200: { description: 'a page of entries', schema: auditPageSchema } },
    async handle({ query, api }) {
      return { body: await api.audit.page(query.limit, query.before) };
    },
  }),
];
