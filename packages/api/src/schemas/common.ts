/** Schemas shared by every group of routes: ids, periods, decimals, the error body. */
import { isDecimalText, periodKindOf } from '@attain/engine';
import { z } from 'zod';
import { named } from './registry.js';

export const decimalText = z
  .string()
  .refine(isDecimalText, { error: 'must be a decimal like 1234.50 (no separators, no exponent)' })
  .meta({ description: 'exact decimal as text' });

/** A decimal in an engine document: text, or a JSON number (read through its shortest text by the engine). */
export const decimalInput = z.union([z.string(), z.number()]).meta({ description: 'decimal, as text or number' });

export const periodId = z
  .string()
  .refine((value) => periodKindOf(value) !== undefined, { error: 'must be a period id like 2026-02, 2026-Q1 or 2026' })
  .meta({ description: 'period id: 2026-02 (month), 2026-Q1 (quarter) or 2026 (year)', example: '2026-Q1' });

export const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-03-31' })
  .meta({ description: 'YYYY-MM-DD' });

export const userId = z
  .string()
  .regex(/^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, { error: 'must be a Salesforce user id (005…)' })
  .meta({ description: 'Salesforce user id (18 characters; 15 accepted)' });

export const repIdParam = z
  .string()
  .regex(/^(me|005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?)$/, { error: 'must be "me" or a Salesforce user id (005…)' })
  .meta({ description: '`me`, or the user id of a rep the caller may read' });

export const isoTimestamp = z.string().meta({ description: 'ISO 8601 timestamp' });

export const repParams = z.object({ repId: repIdParam });
export const repPeriodParams = z.object({ repId: repIdParam, period: periodId });

/** Attain's one problem shape: the engine's issues, a mapping's problems, record errors, request issues. */
export const problemSchema = named(
  'Problem',
  z.object({
    code: z.string().meta({ description: 'stable code, lower snake_case (`invalid_decimal`, `unknown_field`)' }),
    path: z
      .array(z.union([z.string(), z.number()]))
      .meta({ description: 'JSON path of what is wrong (`["deals", 3, "amount"]`); empty for the whole thing' }),
    message: z.string().meta({ description: 'what is wrong and what to fix' }),
  }),
  'one problem: a stable code, where it is, what to fix',
);

export const issueSchema = named(
  'Issue',
  problemSchema.extend({ in: z.enum(['body', 'query', 'path', 'header']) }),
  'one problem with a request: the request part its path starts in, where it is and what to fix',
);

export const errorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string().meta({ description: 'stable code: INVALID_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, …' }),
      message: z.string(),
      issues: z.array(issueSchema).optional(),
    }),
  }),
);

/** A check of a document (a plan, assignments, quotas, a field mapping): valid, or every problem. */
export const validationResult = named(
  'ValidationResult',
  z.object({ valid: z.boolean(), issues: z.array(problemSchema) }),
);
