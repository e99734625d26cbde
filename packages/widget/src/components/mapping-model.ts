/**
 * What the field mapper offers for each engine input: which Salesforce field types fit it. A choice
 * outside these types is not offered, so a mapping saved from the widget is type-correct by
 * construction (the API checks it again against the org's describe).
 */
import type { DescribedField, ExtraField, FieldMapping } from '../api/types.js';

export interface Slot {
  key: 'id' | 'owner' | 'amount' | 'closeDate' | 'won' | 'currency';
  label: string;
  types: readonly string[];
  /** For lookups: the object the field must point to. */
  referenceTo?: string;
  required: boolean;
  help: string;
}

export const SLOTS: readonly Slot[] = [
  { key: 'id', label: 'Deal id', types: ['id'], required: true, help: 'The record id.' },
  {
    key: 'owner',
    label: 'Rep (owner)',
    types: ['reference'],
    referenceTo: 'User',
    required: true,
    help: 'A lookup to User: who is credited when there are no splits.',
  },
  {
    key: 'amount',
    label: 'Amount',
    types: ['currency', 'double', 'int', 'percent'],
    required: true,
    help: 'A number.',
  },
  {
    key: 'closeDate',
    label: 'Close date',
    types: ['date', 'datetime'],
    required: true,
    help: 'A date; datetimes count by their UTC date.',
  },
  {
    key: 'won',
    label: 'Won',
    types: ['boolean'],
    required: true,
    help: 'A checkbox that is true once the deal is won.',
  },
  {
    key: 'currency',
    label: 'Currency',
    types: ['picklist'],
    required: false,
    help: 'The ISO code picklist (CurrencyIsoCode). Leave empty in a single-currency org.',
  },
] as const;

/** Field types that can be an extra field a plan filters on. */
export const EXTRA_TYPES: readonly string[] = [
  'string',
  'picklist',
  'boolean',
  'double',
  'currency',
  'int',
  'percent',
  'date',
  'datetime',
  'reference',
  'id',
  'email',
  'phone',
  'url',
];

export function fits(slot: Slot, field: DescribedField): boolean {
  if (!slot.types.includes(field.type)) return false;
  return !slot.referenceTo || (field.referenceTo ?? []).includes(slot.referenceTo);
}

/** The field a slot is mapped to now, as text (`Amount`); the won rule by stages has no single field. */
export function slotValue(mapping: FieldMapping, slot: Slot['key']): string {
  if (slot === 'won') return mapping.won && 'field' in mapping.won ? mapping.won.field : '';
  return (mapping[slot] as string | undefined) ?? '';
}

export function withSlot(mapping: FieldMapping, slot: Slot['key'], value: string): FieldMapping {
  const next: FieldMapping = { ...mapping };
  if (slot === 'won') next.won = { field: value };
  else if (value) next[slot] = value;
  else delete next[slot];
  return next;
}

export function extraPath(field: ExtraField): string {
  return 'child' in field ? `${field.child}.${field.path}` : field.path;
}

/** Why a mapped field is not acceptable, or '' when it is (a path through a parent or child is taken as is). */
export function problemWith(slot: Slot, value: string, fields: ReadonlyMap<string, DescribedField>): string {
  if (!value) return slot.required ? `${slot.label} must be mapped.` : '';
  if (value.includes('.')) return '';
  const field = fields.get(value);
  if (!field) return `${value} is not a field of this object any more. Choose another.`;
  if (!fits(slot, field)) return `${value} is a ${field.type} field; ${slot.label} needs ${slot.types.join(' or ')}.`;
  return '';
}

/** What people read for a field: its label with the API name beside it (`Stage (StageName)`), or the name alone. */
export function fieldText(field: DescribedField): string {
  return field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name;
}
