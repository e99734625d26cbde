/**
 * The engine's documents (plan-language v1) as zod schemas: structural checks and the OpenAPI
 * description. The engine's own validators stay the judge of the content (tier order, currencies,
 * near-miss field names…), so these accept what the engine accepts (decimals as text or numbers,
 * extra fields passed through for the engine to name).
 */
import { z } from 'zod';
import { dateText, decimalInput, decimalText, periodId } from './common.js';
import { named } from './registry.js';

export const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export type FilterInput =
  | { field: string; op: string; value?: unknown }
  | { all: FilterInput[] }
  | { any: FilterInput[] }
  | { not: FilterInput };

export const filterSchema: z.ZodType<FilterInput> = named(
  'Filter',
  z.lazy(() =>
    z.union([
      z.looseObject({
        field: z.string(),
        op: z.enum(['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'exists']),
        value: z.union([fieldValue, z.array(fieldValue)]).optional(),
      }),
      z.looseObject({ all: z.array(filterSchema) }),
      z.looseObject({ any: z.array(filterSchema) }),
      z.looseObject({ not: filterSchema }),
    ]),
  ),
  'a deal filter: a comparison on a deal field, or all/any/not of filters',
);

const componentCommon = {
  id: z.string(),
  filter: filterSchema.optional(),
  minAttainment: decimalInput.optional(),
  cap: decimalInput.optional(),
};

export const componentSchema = named(
  'Component',
  z.discriminatedUnion('type', [
    z.looseObject({ ...componentCommon, type: z.literal('percent'), rate: decimalInput }),
    z.looseObject({
      ...componentCommon,
      type: z.literal('tiered'),
      basis: z.enum(['attainment', 'amount']),
      mode: z.enum(['marginal', 'retroactive']),
      tiers: z.array(z.looseObject({ upTo: decimalInput.optional(), rate: decimalInput })),
    }),
    z.looseObject({
      ...componentCommon,
      type: z.literal('bonus'),
      per: z.enum(['deal', 'period']),
      amount: decimalInput,
    }),
  ]),
);

export const planSchema = named(
  'Plan',
  z.looseObject({
    id: z.string().min(1),
    name: z.string().optional(),
    currency: z.string(),
    period: z.enum(['month', 'quarter', 'year']),
    quotaFilter: filterSchema.optional(),
    cap: decimalInput.optional(),
    components: z.array(componentSchema),
  }),
  'a compensation plan (plan-language v1)',
);

export const assignmentSchema = named(
  'Assignment',
  z.looseObject({ repId: z.string(), planId: z.string(), from: dateText, to: dateText.optional() }),
);

export const quotaSchema = named('Quota', z.looseObject({ repId: z.string(), period: periodId, amount: decimalInput }));

export const whatIfDealSchema = named(
  'WhatIfDeal',
  z.looseObject({
    id: z.string().optional().meta({ description: 'an existing deal id to replace (an open opportunity closing)' }),
    amount: decimalInput,
    closeDate: dateText,
    currency: z.string().optional(),
    won: z.boolean().optional(),
    fields: z.record(z.string(), fieldValue).optional(),
    splits: z.array(z.looseObject({ repId: z.string(), percent: decimalInput })).optional(),
  }),
  'a hypothetical deal; owner is the rep, won and the corporate currency are filled in',
);

export const lineSchema = named(
  'Line',
  z.object({
    dealId: z.string().optional(),
    componentId: z.string().optional(),
    kind: z.enum(['commission', 'bonus', 'cap', 'adjustment', 'draw', 'recovery', 'carry']),
    tier: z.number().int().optional(),
    ofPeriod: periodId.optional().meta({ description: 'plan language v2: the closed period an adjustment corrects' }),
    base: decimalText.optional(),
    rate: decimalText.optional(),
    amount: decimalText,
    explain: z.string(),
  }),
);

const statementFields = {
  repId: z.string(),
  planId: z.string(),
  period: periodId,
  currency: z.string(),
  quota: decimalText.nullable(),
  credited: decimalText,
  attainment: decimalText.nullable().meta({ description: 'fraction of quota to 4 decimals (1.2000 = 120%)' }),
  total: decimalText,
  // Plan language v2 (absent for documents that use no v2 feature).
  planFrom: z.string().nullable().optional().meta({ description: 'v2: the from date of the plan version used' }),
  closed: z.boolean().optional().meta({ description: 'v2: the statement is closed (reported exactly as paid)' }),
  balance: decimalText.nullable().optional().meta({ description: 'v2: what the rep owes after this statement' }),
};

export const statementSchema = named('Statement', z.object({ ...statementFields, lines: z.array(lineSchema) }));

export const statementSummarySchema = named(
  'StatementSummary',
  z.object({ ...statementFields, lineCount: z.number().int() }),
);

export const warningSchema = named(
  'Warning',
  z.object({
    code: z.string(),
    message: z.string(),
    dealId: z.string().optional(),
    repId: z.string().optional(),
    planId: z.string().optional(),
    period: z.string().optional(),
  }),
);

export const estimateSchema = named(
  'Estimate',
  z.object({
    repId: z.string(),
    dealId: z.string(),
    before: statementSchema.nullable(),
    after: statementSchema.nullable(),
    difference: decimalText,
    dealLines: z.array(lineSchema),
    warnings: z.array(warningSchema),
  }),
);

const comparedTotals = { before: decimalText, after: decimalText, difference: decimalText };

export const comparisonSchema = named(
  'Comparison',
  z.object({
    planId: z.string(),
    currency: z.string(),
    reps: z.array(
      z.object({
        repId: z.string(),
        ...comparedTotals,
        statements: z.array(z.object({ period: periodId, ...comparedTotals })),
      }),
    ),
    totals: z.object(comparedTotals),
    warnings: z.array(warningSchema),
  }),
);
