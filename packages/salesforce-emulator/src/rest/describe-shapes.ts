/**
 * Describe results in Salesforce's JSON shape, built from the schema registry: the global describe
 * entry (`DescribeGlobalSObjectResult`), the full `DescribeSObjectResult` and its
 * `DescribeFieldResult`s and `ChildRelationship`s. Keys appear in Salesforce's (alphabetical) order.
 */
import type { ChildRelationshipSchema, FieldSchema, ObjectSchema } from '../schema/types.js';
import { isRestrictedPicklist } from '../store/field-values.js';
import { isAutoNumber } from '../store/object-traits.js';

const sobjectUrls = (version: string, name: string, full: boolean): Record<string, string> => {
  const base = `/services/data/v${version}/sobjects/${name}`;
  const urls: Record<string, string> = {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    uiDetailTemplate: 'https://{instance}/{ID}',
    uiEditTemplate: 'https://{instance}/{ID}/e',
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    uiNewRecord: 'https://{instance}/new',
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
  if (!full) {
    for (const key of ['uiDetailTemplate', 'uiEditTemplate', 'uiNewRecord']) delete urls[key];
  }
  return urls;
};

/** One entry of `GET /sobjects` (and `objectDescribe` of `GET /sobjects/X`). */
export function globalEntry(object: ObjectSchema, version: string): Record<string, unknown> {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: object.createable,
    custom: object.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: object.name,
    queryable: object.queryable,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: object.deletable,
    updateable: object.updateable,
    urls: sobjectUrls(version, object.name, false),
  };
}

function byteLength(field: FieldSchema): number {
  if (field.type === 'id' || field.type === 'reference') return 18;
  return field.length ? field.length * 3 : 0;
}

const isText = (field: FieldSchema) =>
  ['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url', 'id', 'reference'].includes(field.type);
const isNumber = (field: FieldSchema) => ['double', 'currency', 'percent', 'int'].includes(field.type);

export function describeField(object: ObjectSchema, field: FieldSchema): Record<string, unknown> {
  const autoNumber = isAutoNumber(object, field);
  const nameField = field.name === 'Name' && field.type === 'string';
  const defaultedOnCreate =
    field.defaultValue !== undefined ||
    field.type === 'boolean' ||
    field.calculated === true ||
    field.name === 'OwnerId';
  return {
    aggregatable: field.type !== 'textarea',
    aiPredictionField: false,
    autoNumber,
    byteLength: byteLength(field),
    calculated:
      field.calculated === true &&
      ![
        'Id',
        'IsDeleted',
        'CreatedDate',
        'CreatedById',
        'LastModifiedDate',
        'LastModifiedById',
        'SystemModstamp',
      ].includes(field.name),
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: field.caseSensitive === true,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.defaultValue ?? (field.type === 'boolean' ? false : null),
    defaultValueFormula: null,
    defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === 'int' ? (field.precision ?? 9) : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId === true,
    extraTypeInfo: field.type === 'textarea' && (field.length ?? 0) > 255 ? 'plaintextarea' : null,
    filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !isNumber(field) && field.type !== 'datetime' && field.type !== 'textarea',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId === true || (nameField && !object.custom),
    inlineHelpText: null,
    label: field.label,
    length: isText(field) ? (field.length ?? (field.type === 'id' || field.type === 'reference' ? 18 : 255)) : 0,
    mask: null,
    maskType: null,
    name: field.name,
    nameField,
    namePointing: (field.referenceTo?.length ?? 0) > 1,
    nillable: field.nillable,
    permissionable: field.nillable && !field.calculated && field.createable,
    picklistValues: (field.picklistValues ?? []).map((entry) => ({
      active: entry.active,
      defaultValue: entry.defaultValue,
      label: entry.label,
      validFor: null,
      value: entry.value,
    })),
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    precision: isNumber(field) && field.type !== 'int' ? (field.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: (field.type === 'picklist' || field.type === 'multipicklist') && isRestrictedPicklist(field),
    scale: isNumber(field) && field.type !== 'int' ? (field.scale ?? 0) : 0,
    searchPrefilterable: field.type === 'reference',
    soapType: field.soapType,
    sortable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    type: field.type,
    unique: field.unique === true,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}

function describeChild(relation: ChildRelationshipSchema): Record<string, unknown> {
  return {
    cascadeDelete: relation.cascadeDelete,
    childSObject: relation.childSObject,
    deprecatedAndHidden: false,
    field: relation.field,
    junctionIdListNames: [],
    junctionReferenceTo: [],
    relationshipName: relation.relationshipName,
    restrictedDelete: false,
  };
}

/** `GET /sobjects/X/describe`. */
export function describeSObject(object: ObjectSchema, version: string): Record<string, unknown> {
  const entry = globalEntry(object, version);
  return {
    actionOverrides: [],
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: object.childRelationships.map(describeChild),
    compactLayoutable: true,
    createable: object.createable,
    custom: object.custom,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: false,
    fields: object.fields.map((field) => describeField(object, field)),
    hasSubtypes: false,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: false,
    mruEnabled: true,
    name: object.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: object.queryable,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    replicateable: entry.replicateable,
    retrieveable: true,
    searchLayoutable: true,
    searchable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: 'All records', name: 'everything' },
      { label: 'My records', name: 'mine' },
    ],
    triggerable: true,
    undeletable: object.deletable,
    updateable: object.updateable,
    urls: sobjectUrls(version, object.name, true),
  };
}
