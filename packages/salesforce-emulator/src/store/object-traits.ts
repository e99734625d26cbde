/**
 * What DML needs to know about an object on every write, worked out once per object (the schema
 * never changes while an org runs): insert defaults, required / unique / auto-number fields.
 * Keeps inserting 100,000 records from re-walking every field list 100,000 times.
 */
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { type AutoNumberFormat, compileDisplayFormat } from './auto-number.js';

export interface ObjectTraits {
  /** Field name → value a new record starts with (describe `defaultValue`, picklist defaults, false for checkboxes). */
  defaults: [string, unknown][];
  hasOwner: boolean;
  /** Must hold a value after every write (not nillable, createable, not computed). */
  required: FieldSchema[];
  unique: FieldSchema[];
  autoNumbers: { field: FieldSchema; format: AutoNumberFormat }[];
  /** Every field of the object, undefined: what a new record is copied from (one allocation, one shape). */
  template: Record<string, undefined>;
}

/** True for fields Salesforce fills itself on insert (auto-numbered names), never required of the caller. */
export function isAutoNumber(object: ObjectSchema, field: FieldSchema): boolean {
  if (field.autoNumber === true) return true;
  return object.custom && field.name === 'Name' && !field.createable && field.type === 'string';
}

const cache = new WeakMap<ObjectSchema, ObjectTraits>();

export function traitsOf(object: ObjectSchema): ObjectTraits {
  const known = cache.get(object);
  if (known) return known;
  const defaults: [string, unknown][] = [];
  for (const field of object.fields) {
    if (field.defaultValue !== undefined) defaults.push([field.name, field.defaultValue]);
    else if (field.type === 'boolean') defaults.push([field.name, false]);
    else {
      const preset = field.picklistValues?.find((entry) => entry.defaultValue && entry.active);
      if (preset) defaults.push([field.name, preset.value]);
    }
  }
  const traits: ObjectTraits = {
    defaults,
    hasOwner: object.fields.some((field) => field.name === 'OwnerId'),
    required: object.fields.filter(
      (field) =>
        !field.nillable &&
        field.createable &&
        field.type !== 'boolean' &&
        !field.calculated &&
        !isAutoNumber(object, field),
    ),
    unique: object.fields.filter((field) => field.unique),
    autoNumbers: object.fields
      .filter((field) => isAutoNumber(object, field))
      .map((field) => ({ field, format: compileDisplayFormat(field.displayFormat ?? '{0}') })),
    template: Object.fromEntries(object.fields.map((field) => [field.name, undefined])),
  };
  cache.set(object, traits);
  return traits;
}
