/** Request parts through their zod schemas; failures become one 400 naming every bad field. */
import type { Problem } from '@attain/engine';
import type { z } from 'zod';
import { ApiError, type ApiIssue } from '../errors.js';

export function issuesOf(error: z.ZodError, where: ApiIssue['in'], prefix: (string | number)[] = []): ApiIssue[] {
  return error.issues.map((issue) => ({
    in: where,
    path: [...prefix, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses one part; its issues are added to `issues` (every part is checked before one 400 names them all). */
export function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  where: ApiIssue['in'],
  issues: ApiIssue[],
): unknown {
  if (schema === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push(...issuesOf(parsed.error, where));
  return undefined;
}

/** Problems of a body field (the engine's, a mapping's) as a 400, their paths from the body's root. */
export function bodyIssues(issues: readonly Problem[], prefix: string[]): ApiError {
  return ApiError.invalid(
    issues.map((issue) => ({ in: 'body', path: [...prefix, ...issue.path], code: issue.code, message: issue.message })),
  );
}
