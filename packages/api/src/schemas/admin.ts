/** Schemas of the admin routes: field mapping, plans, assignments, quotas, audit log. */

import { fieldMappingSchema } from '@attain/salesforce';
import { z } from 'zod';
import { isoTimestamp, problemSchema, validationResult } from './common.js';
import { assignmentSchema, comparisonSchema, fieldValue, planSchema, quotaSchema } from './engine.js';
import { recordErrorSchema } from './ops.js';
import { named } from './registry.js';

export const mappingDocument = named(
  'FieldMapping',
  fieldMappingSchema,
  'which Salesforce object and fields give a deal',
);

export const mappingBodySchema = z.strictObject({ mapping: mappingDocument });

export const mappingVersion = named(
  'MappingVersion',
  z.object({ version: z.number().int(), mapping: mappingDocument, author: z.string(), createdAt: isoTimestamp }),
);

export const describedObject = named(
  'DescribedObject',
  z.object({
    name: z.string(),
    label: z.string().optional().meta({ description: 'the object’s label in the org' }),
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        referenceTo: z.array(z.string()).nullable().optional(),
        relationshipName: z.string().nullable().optional(),
        label: z.string().optional().meta({ description: 'the field’s label in the org' }),
        picklistValues: z
          .array(z.object({ value: z.string(), label: z.string(), active: z.boolean() }))
          .optional()
          .meta({ description: 'picklist and multi-select picklist fields only: the values the org defines' }),
      }),
    ),
    childRelationships: z.array(
      z.object({ relationshipName: z.string().nullable().optional(), childSObject: z.string(), field: z.string() }),
    ),
  }),
);

export const mappingOverviewSchema = named(
  'MappingOverview',
  z.object({
    current: mappingVersion.nullable(),
    effective: mappingDocument,
    versions: z.array(z.object({ version: z.number().int(), author: z.string(), createdAt: isoTimestamp })),
    describe: describedObject.nullable(),
  }),
);

/** A mapping's check: the same document as every other check. */
export const mappingCheckSchema = validationResult;

/** An engine deal, as the mapping makes it from a record. */
const previewDeal = named(
  'Deal',
  z.looseObject({
    id: z.string(),
    ownerId: z.string(),
    amount: z.string(),
    closeDate: z.string(),
    won: z.boolean(),
    currency: z.string().optional(),
    fields: z.record(z.string(), fieldValue).optional(),
    splits: z.array(z.object({ repId: z.string(), percent: z.string() })).optional(),
  }),
);

export const mappingPreviewSchema = named(
  'MappingPreview',
  z.object({
    valid: z.boolean(),
    issues: z.array(problemSchema),
    soql: z.string().nullable(),
    records: z.array(
      z.object({
        recordId: z.string().nullable(),
        deal: previewDeal.nullable(),
        deleted: z.boolean(),
        error: recordErrorSchema.nullable(),
      }),
    ),
  }),
);

export const mappingSavedSchema = named(
  'MappingSaved',
  z.object({
    version: mappingVersion,
    changed: z.boolean().meta({ description: 'false: same as the current version' }),
  }),
);

export const planIdParams = z.object({
  planId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\s/]+$/, { error: 'must be a plan id (no spaces or slashes)' }),
});

export const planBodySchema = z.strictObject({ plan: planSchema });
export const planListSchema = named('PlanList', z.object({ plans: z.array(planSchema) }));
export const planSavedSchema = named('PlanSaved', z.object({ plan: planSchema, changed: z.boolean() }));
export const comparisonBodySchema = comparisonSchema;

export const assignmentsBodySchema = z.strictObject({ assignments: z.array(assignmentSchema) });
export const assignmentsSchema = named(
  'Assignments',
  z.object({ assignments: z.array(assignmentSchema), changed: z.boolean().optional() }),
);
export const quotasBodySchema = z.strictObject({ quotas: z.array(quotaSchema) });
export const quotasSchema = named(
  'Quotas',
  z.object({ quotas: z.array(quotaSchema), changed: z.boolean().optional() }),
);

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z
    .string()
    .regex(/^\d+-\d+$/, { error: 'must be an entry id from a previous page' })
    .optional(),
});

export const auditPageSchema = named(
  'AuditPage',
  z.object({
    entries: z.array(
      z.object({
        id: z.string(),
        at: isoTimestamp,
        actor: z.object({ userId: z.string(), name: z.string() }),
        action: z.string(),
        target: z.string(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
    next: z.string().nullable(),
  }),
);
