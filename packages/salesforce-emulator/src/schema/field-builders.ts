/**
 * Small constructors for FieldSchema so the object declarations read like a describe listing
 * instead of walls of repeated properties. Every builder fills in the describe-accurate SOAP type.
 */
import type { ChildRelationshipSchema, FieldSchema, FieldType, ObjectSchema } from './types.js';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  reference: 'tns:ID',
};

export function soapTypeOf(type: FieldType): string {
  return SOAP_TYPES[type];
}

/** Everything but name/type/label; defaults: nillable, createable, updateable, standard. */
export type FieldOptions = Partial<Omit<FieldSchema, 'name' | 'type' | 'label' | 'soapType'>>;

export function field(name: string, type: FieldType, label: string, options: FieldOptions = {}): FieldSchema {
  return {
    name,
    label,
    type,
    soapType: SOAP_TYPES[type],
    nillable: true,
    createable: true,
    updateable: true,
    custom: false,
    ...options,
  };
}

/** A field Salesforce computes (derived or system-maintained): readable, never writable. */
export function readOnly(options: FieldOptions = {}): FieldOptions {
  return { createable: false, updateable: false, ...options };
}

/** A required field: describe reports `nillable: false` for fields that must be given on insert. */
export function required(options: FieldOptions = {}): FieldOptions {
  return { nillable: false, ...options };
}

export function text(name: string, label: string, length: number, options: FieldOptions = {}): FieldSchema {
  return field(name, 'string', label, { length, ...options });
}

export function textArea(name: string, label: string, length: number, options: FieldOptions = {}): FieldSchema {
  return field(name, 'textarea', label, { length, ...options });
}

export function bool(name: string, label: string, defaultValue: boolean, options: FieldOptions = {}): FieldSchema {
  // Salesforce checkboxes are never null: describe reports nillable false with a default.
  return field(name, 'boolean', label, { nillable: false, defaultValue, ...options });
}

export function number(
  name: string,
  label: string,
  type: 'double' | 'currency' | 'percent' | 'int',
  precision: number,
  scale: number,
  options: FieldOptions = {},
): FieldSchema {
  return field(name, type, label, { precision, scale, ...options });
}

export function reference(
  name: string,
  label: string,
  referenceTo: string | string[],
  relationshipName: string,
  options: FieldOptions = {},
): FieldSchema {
  return field(name, 'reference', label, {
    length: 18,
    referenceTo: Array.isArray(referenceTo) ? referenceTo : [referenceTo],
    relationshipName,
    ...options,
  });
}

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

/** Picklist entries from plain values; `defaultValue` marks the one preselected on insert. */
export function picklistEntries(values: readonly string[], defaultValue?: string): PicklistEntry[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }));
}

export function picklist(
  name: string,
  label: string,
  values: readonly string[],
  options: FieldOptions = {},
): FieldSchema {
  const preselected = typeof options.defaultValue === 'string' ? options.defaultValue : undefined;
  return field(name, 'picklist', label, {
    length: 255,
    picklistValues: picklistEntries(values, preselected),
    ...options,
  });
}

/** The fields every Salesforce object carries, which only the platform writes. */
export function systemFields(): FieldSchema[] {
  const system = readOnly({ nillable: false, calculated: true });
  return [
    field('Id', 'id', 'Record ID', { ...system, length: 18 }),
    bool('IsDeleted', 'Deleted', false, system),
    field('CreatedDate', 'datetime', 'Created Date', system),
    reference('CreatedById', 'Created By ID', 'User', 'CreatedBy', system),
    field('LastModifiedDate', 'datetime', 'Last Modified Date', system),
    reference('LastModifiedById', 'Last Modified By ID', 'User', 'LastModifiedBy', system),
    field('SystemModstamp', 'datetime', 'System Modstamp', system),
  ];
}

/** The currencies the emulated org has enabled (multi-currency org, USD corporate). */
export const ORG_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
export const CORPORATE_CURRENCY = 'USD';

/** In a multi-currency org every object holding money gets a restricted CurrencyIsoCode picklist. */
export function currencyIsoCode(options: FieldOptions = {}): FieldSchema {
  return picklist('CurrencyIsoCode', 'Currency ISO Code', ORG_CURRENCIES, {
    length: 3,
    defaultValue: CORPORATE_CURRENCY,
    nillable: false,
    ...options,
  });
}

export function child(
  relationshipName: string,
  childSObject: string,
  fieldName: string,
  cascadeDelete = false,
): ChildRelationshipSchema {
  return { relationshipName, childSObject, field: fieldName, cascadeDelete };
}

export interface ObjectOptions {
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  sharingModel?: string;
  childRelationships?: ChildRelationshipSchema[];
}

/** A standard object: the system fields first (as describe lists Id first), then its own fields. */
export function standardObject(
  name: string,
  label: string,
  labelPlural: string,
  keyPrefix: string,
  fields: FieldSchema[],
  options: ObjectOptions = {},
): ObjectSchema {
  const [id, ...rest] = systemFields();
  return {
    name,
    label,
    labelPlural,
    keyPrefix,
    custom: false,
    createable: options.createable ?? true,
    updateable: options.updateable ?? true,
    deletable: options.deletable ?? true,
    queryable: true,
    ...(options.sharingModel === undefined ? {} : { sharingModel: options.sharingModel }),
    fields: [...(id ? [id] : []), ...fields, ...rest],
    childRelationships: options.childRelationships ?? [],
  };
}
