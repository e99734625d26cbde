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

interface FieldMaps {
  exact: Map<string, FieldSchema>;
  lower: Map<string, FieldSchema>;
}

const fieldMaps = new WeakMap<ObjectSchema, FieldMaps>();

/**
 * Case-insensitive field lookup (Salesforce field names are case-insensitive in every API). Names
 * spelled as the schema spells them — nearly all of them — are found without lower-casing.
 */
export function fieldOf(object: ObjectSchema, name: string): FieldSchema | undefined {
  let maps = fieldMaps.get(object);
  if (!maps) {
    maps = {
      exact: new Map(object.fields.map((field) => [field.name, field])),
      lower: new Map(object.fields.map((field) => [field.name.toLowerCase(), field])),
    };
    fieldMaps.set(object, maps);
  }
  return maps.exact.get(name) ?? maps.lower.get(name.toLowerCase());
}
