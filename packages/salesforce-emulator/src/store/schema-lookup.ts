/**
 * What the store and DML need from the schema registry. `SchemaRegistry` satisfies it; the narrow
 * interface keeps the store testable on its own and documents exactly which lookups it relies on.
 */
import type { FieldSchema, ObjectSchema } from '../schema/types.js';

export interface SchemaLookup {
  /** Case-insensitive object lookup. */
  get(name: string): ObjectSchema | undefined;
  byKeyPrefix(prefix: string): ObjectSchema | undefined;
  all(): Iterable<ObjectSchema>;
}

const fieldMaps = new WeakMap<ObjectSchema, Map<string, FieldSchema>>();

/** Case-insensitive field lookup (Salesforce field names are case-insensitive in every API). */
export function fieldOf(object: ObjectSchema, name: string): FieldSchema | undefined {
  let map = fieldMaps.get(object);
  if (!map) {
    map = new Map(object.fields.map((field) => [field.name.toLowerCase(), field]));
    fieldMaps.set(object, map);
  }
  return map.get(name.toLowerCase());
}

/** Schema extensions some registries carry beyond `FieldSchema` (read defensively). */
export interface FieldExtras {
  restrictedPicklist?: boolean;
  autoNumber?: boolean;
  displayFormat?: string;
}

export function extrasOf(field: FieldSchema): FieldExtras {
  return field as FieldSchema & FieldExtras;
}
