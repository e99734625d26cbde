/** Schemas of the rep and manager routes: statements, history, tier position, what-if, disputes, team. */
import { z } from 'zod';
import { decimalText, isoTimestamp, periodId, userId } from './common.js';
import { lineSchema, statementSchema, statementSummarySchema, warningSchema } from './engine.js';
import { named } from './registry.js';

export const meSchema = named(
  'Me',
  z.object({
    userId: z.string(),
    name: z.string(),
    roles: z.object({ admin: z.boolean(), ops: z.boolean(), manager: z.boolean(), rep: z.literal(true) }),
    teamSize: z.number().int().meta({ description: 'people under the caller in the ManagerId tree' }),
  }),
);

export const disputeStatusSchema = z.enum(['open', 'accepted', 'rejected']);

export const disputeSchema = named(
  'Dispute',
  z.object({
    id: z.string(),
    repId: z.string(),
    period: periodId,
    planId: z.string(),
    currency: z.string(),
    lineKey: z.string(),
    line: z.object({
      dealId: z.string().optional(),
      componentId: z.string().optional(),
      kind: z.string(),
      tier: z.number().int().optional(),
      amount: decimalText,
      explain: z.string(),
    }),
    reason: z.string(),
    status: disputeStatusSchema,
    openedBy: z.string(),
    openedAt: isoTimestamp,
    resolution: z.object({ by: z.string(), at: isoTimestamp, note: z.string() }).optional(),
  }),
);

export const lineViewSchema = named(
  'StatementLine',
  lineSchema.extend({
    lineKey: z.string().meta({ description: 'stable key of the line (External_Key__c of its Commission__c)' }),
    dispute: z.object({ id: z.string(), status: disputeStatusSchema }).nullable(),
  }),
);

export const statementDealSchema = named(
  'StatementDeal',
  z.object({
    id: z.string(),
    name: z
      .string()
      .nullable()
      .meta({ description: 'the record’s Name in Salesforce; null when the mapped object has none or it is empty' }),
    amount: decimalText,
    currency: z.string().meta({ description: 'the deal’s currency (the corporate currency when it names none)' }),
    closeDate: z.string().meta({ description: 'YYYY-MM-DD' }),
  }),
);

export const statementViewSchema = named(
  'StatementView',
  z.object({
    repId: z.string(),
    period: periodId,
    computedAt: isoTimestamp.nullable(),
    stale: z.boolean().meta({ description: 'a change waits to be computed into these statements' }),
    statements: z.array(statementSchema.extend({ lines: z.array(lineViewSchema) })),
    warnings: z.array(warningSchema),
    deals: z.array(statementDealSchema).meta({ description: 'the deals the lines name, each once, by id' }),
  }),
);

export const historySchema = named(
  'History',
  z.object({
    repId: z.string(),
    periods: z.array(
      z.object({ period: periodId, computedAt: isoTimestamp, statements: z.array(statementSummarySchema) }),
    ),
  }),
);

const tierRef = z.object({
  tier: z.number().int().meta({ description: '1-based tier number' }),
  rate: decimalText,
  from: decimalText.meta({ description: 'credited amount where the tier starts' }),
  upTo: decimalText.nullable().meta({ description: 'credited amount where the next tier starts; null = open-ended' }),
});

export const tierPositionSchema = named(
  'TierPosition',
  z.object({
    repId: z.string(),
    period: periodId,
    computedAt: isoTimestamp.nullable(),
    plans: z.array(
      z.object({
        planId: z.string(),
        currency: z.string(),
        quota: decimalText.nullable(),
        credited: decimalText,
        attainment: decimalText.nullable(),
        total: decimalText,
        tiered: z.array(
          z.object({
            componentId: z.string(),
            basis: z.enum(['attainment', 'amount']),
            mode: z.enum(['marginal', 'retroactive']),
            quotaMissing: z.boolean(),
            current: tierRef.nullable(),
            next: tierRef
              .extend({
                creditedToGo: decimalText.meta({
                  description: 'credited amount still needed to reach the next tier (rounded up to the currency)',
                }),
              })
              .nullable(),
          }),
        ),
        gates: z.array(
          z.object({
            componentId: z.string(),
            minAttainment: decimalText,
            reached: z.boolean(),
            quotaMissing: z.boolean(),
            creditedToGo: decimalText.nullable(),
            unlocks: z.string().meta({ description: 'what the gated component pays, in words' }),
          }),
        ),
      }),
    ),
  }),
);

export const disputeCreateSchema = z.strictObject({
  period: periodId,
  lineKey: z.string().min(1).max(600),
  reason: z
    .string()
    .trim()
    .min(3, { error: 'say why the line is wrong (at least 3 characters)' })
    .max(2000, { error: 'at most 2000 characters' }),
});

export const disputeListSchema = named('DisputeList', z.object({ disputes: z.array(disputeSchema) }));

export const teamQuerySchema = z.strictObject({
  period: periodId,
  managerId: userId.optional().meta({ description: 'someone in your tree (default: you); ops and admins: anyone' }),
});

export const teamSchema = named(
  'TeamSummary',
  z.object({
    managerId: z.string(),
    period: periodId,
    members: z.array(
      z.object({
        repId: z.string(),
        name: z.string(),
        managerId: z.string().nullable(),
        statements: z.array(statementSummarySchema),
      }),
    ),
    totals: z.array(
      z.object({
        currency: z.string(),
        reps: z.number().int(),
        credited: decimalText,
        total: decimalText,
      }),
    ),
  }),
);

export const attainmentQuerySchema = z.strictObject({
  period: periodId.optional().meta({ description: 'default: the period of the rep’s plan that contains today' }),
});

export const planFieldsSchema = named(
  'PlanFields',
  z.object({
    repId: z.string(),
    period: periodId,
    plans: z.array(z.object({ planId: z.string(), name: z.string().nullable(), currency: z.string() })),
    fields: z.array(
      z.object({
        name: z.string().meta({ description: 'the key of the deal’s `fields` (a filter’s `fields.<name>`)' }),
        ops: z.array(z.enum(['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'exists'])),
        values: z
          .array(z.union([z.string(), z.number(), z.boolean()]))
          .meta({ description: 'the values the filters compare the field with' }),
        usedBy: z.array(
          z.object({
            planId: z.string(),
            componentId: z.string().nullable().meta({ description: 'null: the plan’s quota filter' }),
          }),
        ),
      }),
    ),
  }),
);
