/**
 * Reads Attain's custom objects from the SFDX package (source format: one `*.object-meta.xml` plus
 * one `fields/*.field-meta.xml` per field) and turns them into the ObjectSchemas that describe would
 * report once the package is deployed. The emulator therefore cannot drift from what we deploy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  bool,
  child,
  currencyIsoCode,
  type FieldOptions,
  field,
  reference,
  systemFields,
  text,
} from './field-builders.js';
import type { ChildRelationshipSchema, FieldSchema, FieldType, ObjectSchema } from './types.js';

export const SchemaLoadErrorCode = {
  missingDirectory: 'SFDX_MISSING_DIRECTORY',
  invalidXml: 'SFDX_INVALID_XML',
  unsupportedFieldType: 'SFDX_UNSUPPORTED_FIELD_TYPE',
  invalidProject: 'SFDX_INVALID_PROJECT',
  duplicateObject: 'SFDX_DUPLICATE_OBJECT',
  duplicateField: 'SFDX_DUPLICATE_FIELD',
} as const;
export type SchemaLoadErrorCode = (typeof SchemaLoadErrorCode)[keyof typeof SchemaLoadErrorCode];

export class SchemaLoadError extends Error {
  override readonly name = 'SchemaLoadError';
  constructor(
    readonly code: SchemaLoadErrorCode,
    /** The file or directory at fault. */
    readonly path: string,
    message: string,
  ) {
    super(`${message} (${path})`);
  }
}

/** A child relationship a custom lookup adds to its parent object (`Opportunity.Commissions__r`). */
export interface ParentLink {
  parentObject: string;
  relationship: ChildRelationshipSchema;
}

/** Custom fields a source adds to a standard object (`objects/Account/fields/Region__c.field-meta.xml`). */
export interface StandardObjectFields {
  objectName: string;
  fields: FieldSchema[];
  links: ParentLink[];
}

export interface LoadedCustomObjects {
  objects: ObjectSchema[];
  links: ParentLink[];
  standardObjectFields: StandardObjectFields[];
}

type Xml = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep every value a string: `062` or `true` must not be coerced before we know the field type.
  parseTagValue: false,
  isArray: (tagName) => tagName === 'value' || tagName === 'referenceTo',
});

/** Custom object key prefixes are org-assigned; we hand out a00, a01, … in sorted-name order. */
function customKeyPrefix(index: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `a${alphabet[Math.floor(index / 62)]}${alphabet[index % 62]}`;
}

/**
 * The custom objects of one SFDX source folder. Key prefixes count from `firstKeyPrefix` (0 = a00),
 * so that a second source loaded beside Attain's continues after Attain's objects.
 */
export function loadCustomObjects(sfdxPath: string, firstKeyPrefix = 0): LoadedCustomObjects {
  const objectsDir = join(sfdxPath, 'objects');
  if (!existsSync(objectsDir)) {
    throw new SchemaLoadError(
      SchemaLoadErrorCode.missingDirectory,
      objectsDir,
      'no objects directory in the SFDX source',
    );
  }
  const directories = readdirSync(objectsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const objects: ObjectSchema[] = [];
  const links: ParentLink[] = [];
  directories
    .filter((name) => name.endsWith('__c'))
    .forEach((name, index) => {
      const loaded = loadObject(join(objectsDir, name), name, customKeyPrefix(firstKeyPrefix + index));
      objects.push(loaded.object);
      links.push(...loaded.links);
    });
  // Standard objects (no `__`): only their custom fields; the standard fields are declared in code.
  const standardObjectFields = directories
    .filter((name) => !name.includes('__'))
    .map((name) => standardObjectCustomFields(join(objectsDir, name), name))
    .filter((entry) => entry.fields.length > 0);
  return { objects, links, standardObjectFields };
}

function standardObjectCustomFields(dir: string, objectName: string): StandardObjectFields {
  const fieldsDir = join(dir, 'fields');
  const files = existsSync(fieldsDir)
    ? readdirSync(fieldsDir)
        .filter((file) => file.endsWith('__c.field-meta.xml'))
        .sort()
    : [];
  const fields: FieldSchema[] = [];
  const links: ParentLink[] = [];
  for (const file of files) {
    const path = join(fieldsDir, file);
    const loaded = customField(parseFile(path, 'CustomField'), path, objectName);
    fields.push(loaded.field);
    if (loaded.link) links.push(loaded.link);
  }
  return { objectName, fields, links };
}

function parseFile(path: string, root: string): Xml {
  let parsed: unknown;
  try {
    parsed = parser.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SchemaLoadError(SchemaLoadErrorCode.invalidXml, path, `cannot parse XML: ${String(error)}`);
  }
  const body = (parsed as Xml)[root];
  if (typeof body !== 'object' || body === null) {
    throw new SchemaLoadError(SchemaLoadErrorCode.invalidXml, path, `expected a <${root}> document`);
  }
  return body as Xml;
}

function str(xml: Xml, key: string): string | undefined {
  const value = xml[key];
  return typeof value === 'string' ? value : undefined;
}

function flag(xml: Xml, key: string): boolean {
  return str(xml, key) === 'true';
}

function int(xml: Xml, key: string): number | undefined {
  const value = str(xml, key);
  return value === undefined ? undefined : Number.parseInt(value, 10);
}

function loadObject(dir: string, name: string, keyPrefix: string): { object: ObjectSchema; links: ParentLink[] } {
  const objectFile = join(dir, `${name}.object-meta.xml`);
  const meta = parseFile(objectFile, 'CustomObject');
  const fieldsDir = join(dir, 'fields');
  const fieldFiles = existsSync(fieldsDir)
    ? readdirSync(fieldsDir)
        .filter((file) => file.endsWith('.field-meta.xml'))
        .sort()
    : [];
  const customFields: FieldSchema[] = [];
  const links: ParentLink[] = [];
  let hasMaster = false;
  for (const file of fieldFiles) {
    const path = join(fieldsDir, file);
    const xml = parseFile(path, 'CustomField');
    hasMaster ||= str(xml, 'type') === 'MasterDetail';
    const loaded = customField(xml, path, name);
    customFields.push(loaded.field);
    if (loaded.link) links.push(loaded.link);
  }
  const [id, ...system] = systemFields();
  const fields: FieldSchema[] = [
    ...(id ? [id] : []),
    // A master-detail child has no owner: its parent's owner governs access.
    ...(hasMaster ? [] : [reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false })]),
    nameField(meta),
    currencyIsoCode(),
    ...system,
    ...customFields,
  ];
  const sharingModel = str(meta, 'sharingModel');
  const label = str(meta, 'label') ?? name;
  return {
    object: {
      name,
      label,
      labelPlural: str(meta, 'pluralLabel') ?? label,
      keyPrefix,
      custom: true,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      ...(sharingModel === undefined ? {} : { sharingModel }),
      fields,
      childRelationships: [],
    },
    links,
  };
}

function nameField(meta: Xml): FieldSchema {
  const xml = (meta.nameField ?? {}) as Xml;
  const label = str(xml, 'label') ?? 'Name';
  if (str(xml, 'type') === 'AutoNumber') {
    // Auto-numbered names are assigned by Salesforce on insert (describe: autoNumber, not createable).
    return text('Name', label, 30, {
      nillable: false,
      createable: false,
      updateable: false,
      ...autoNumbering(xml),
    });
  }
  return text('Name', label, 80, { nillable: true });
}

/** `autoNumber` plus the metadata's `displayFormat` (`COM-{00000000}`), when it declares one. */
function autoNumbering(xml: Xml): FieldOptions {
  const displayFormat = str(xml, 'displayFormat');
  return displayFormat === undefined ? { autoNumber: true } : { autoNumber: true, displayFormat };
}

/** Metadata API field types → describe types, for the types that need no extra handling. */
const SIMPLE_TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  // Salesforce reports Number fields as double whatever the scale.
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  AutoNumber: 'string',
};

function customField(xml: Xml, path: string, objectName: string): { field: FieldSchema; link?: ParentLink } {
  const name = str(xml, 'fullName') ?? '';
  const label = str(xml, 'label') ?? name;
  const metadataType = str(xml, 'type') ?? '';
  const requiredField = flag(xml, 'required');
  const formula = str(xml, 'formula') !== undefined;
  const common: FieldOptions = { custom: true, nillable: !requiredField };
  if (flag(xml, 'externalId')) common.externalId = true;
  if (flag(xml, 'unique')) common.unique = true;
  if (flag(xml, 'caseSensitive')) common.caseSensitive = true;
  if (formula || metadataType === 'AutoNumber') {
    Object.assign(common, { createable: false, updateable: false, calculated: formula });
  }
  if (metadataType === 'AutoNumber') Object.assign(common, autoNumbering(xml));

  if (metadataType === 'Checkbox') {
    return { field: bool(name, label, str(xml, 'defaultValue') === 'true', { ...common, nillable: false }) };
  }
  if (metadataType === 'Picklist' || metadataType === 'MultiselectPicklist') {
    return { field: picklistField(xml, name, label, metadataType, common) };
  }
  if (metadataType === 'Lookup' || metadataType === 'MasterDetail') {
    return lookupField(xml, name, label, metadataType, common, objectName);
  }
  const type = SIMPLE_TYPES[metadataType];
  if (!type) {
    throw new SchemaLoadError(
      SchemaLoadErrorCode.unsupportedFieldType,
      path,
      `unsupported field type "${metadataType}"`,
    );
  }
  const options: FieldOptions = { ...common };
  const length = int(xml, 'length');
  if (length !== undefined) options.length = length;
  else if (type === 'textarea') options.length = 255;
  else if (metadataType === 'AutoNumber') options.length = 30;
  else if (type === 'email' || type === 'phone' || type === 'url') options.length = type === 'phone' ? 40 : 255;
  const precision = int(xml, 'precision');
  const scale = int(xml, 'scale');
  if (precision !== undefined) options.precision = precision;
  if (scale !== undefined) options.scale = scale;
  return { field: field(name, type, label, options) };
}

function picklistField(xml: Xml, name: string, label: string, metadataType: string, common: FieldOptions): FieldSchema {
  const valueSet = (xml.valueSet ?? {}) as Xml;
  const definition = (valueSet.valueSetDefinition ?? {}) as Xml;
  const values = (definition.value ?? []) as Xml[];
  const picklistValues = values.map((value) => {
    const fullName = str(value, 'fullName') ?? '';
    return {
      value: fullName,
      label: str(value, 'label') ?? fullName,
      active: str(value, 'isActive') !== 'false',
      defaultValue: flag(value, 'default'),
    };
  });
  const preselected = picklistValues.find((value) => value.defaultValue);
  return field(name, metadataType === 'Picklist' ? 'picklist' : 'multipicklist', label, {
    ...common,
    // `<valueSet><restricted>true</restricted>`: values outside the list are refused on write.
    ...(flag(valueSet, 'restricted') ? { restrictedPicklist: true } : {}),
    length: metadataType === 'Picklist' ? 255 : 4099,
    picklistValues,
    ...(preselected ? { defaultValue: preselected.value } : {}),
  });
}

function lookupField(
  xml: Xml,
  name: string,
  label: string,
  metadataType: string,
  common: FieldOptions,
  objectName: string,
): { field: FieldSchema; link?: ParentLink } {
  const referenceTo = (xml.referenceTo ?? []) as string[];
  const master = metadataType === 'MasterDetail';
  const options: FieldOptions = { ...common };
  if (master) {
    options.nillable = false;
    options.updateable = flag(xml, 'reparentableMasterDetail');
  }
  // The parent-side name in SOQL is the field name with __c → __r (`Opportunity__r.Name`).
  const result: { field: FieldSchema; link?: ParentLink } = {
    field: reference(name, label, referenceTo, name.replace(/__c$/, '__r'), options),
  };
  const childName = str(xml, 'relationshipName');
  const parentObject = referenceTo[0];
  if (childName && parentObject) {
    result.link = {
      parentObject,
      relationship: child(`${childName}__r`, objectName, name, master),
    };
  }
  return result;
}
