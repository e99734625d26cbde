/**
 * Named schemas: each becomes `#/components/schemas/<id>` in the OpenAPI document, referenced
 * wherever a route uses it (the recursive plan filter needs that to be expressible at all).
 */
import { z } from 'zod';

export const componentRegistry = z.registry<{ id: string; description?: string }>();

export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  (schema as z.ZodType).register(componentRegistry, description === undefined ? { id } : { id, description });
  return schema;
}
