/**
 * The record name people know a deal by (`Opportunity.Name`): read beside the mapped fields when the
 * describe of the mapped object has a `Name` field, so that screens show "Acme — Expansion" instead
 * of an id. Objects without one (a custom object whose name is not `Name`) simply have no names.
 */
import type { DescribedObject } from './mapping-validation.js';

export const RECORD_NAME_FIELD = 'Name';

/** The object's `Name` field as the describe spells it, or null when the object has none. */
export function recordNameField(described: DescribedObject | null): string | null {
  const field = described?.fields.find((candidate) => candidate.name.toLowerCase() === RECORD_NAME_FIELD.toLowerCase());
  return field ? field.name : null;
}
