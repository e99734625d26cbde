/**
 * The emulator's model of Salesforce metadata: just what describe, SOQL and DML need.
 * Standard objects are declared in code (standard-objects.ts); Attain's custom objects are read
 * from the SFDX package in `salesforce/` (sfdx-loader.ts), so the two can never disagree.
 */

/** Salesforce field types as `describe` reports them (`DescribeFieldResult.type`). */
export const FieldType = {
  id: 'id',
  string: 'string',
  textarea: 'textarea',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  email: 'email',
  phone: 'phone',
  url: 'url',
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  currency: 'currency',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
  reference: 'reference',
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export interface FieldSchema {
  /** API name, exactly as Salesforce spells it (`Amount`, `External_Key__c`). */
  name: string;
  label: string;
  type: FieldType;
  /** SOAP type reported by describe (`xsd:string`, `xsd:double`, `tns:ID`, …). */
  soapType: string;
  nillable: boolean;
  /** Writable on insert / update (system fields such as Id and SystemModstamp are not). */
  createable: boolean;
  updateable: boolean;
  /** Text length (string, textarea, picklist, email, …). */
  length?: number;
  /** Number precision and scale (double, currency, percent, int). */
  precision?: number;
  scale?: number;
  /** Lookup target objects and the relationship name used in SOQL (`Owner`, `Opportunity__r`). */
  referenceTo?: string[];
  relationshipName?: string;
  externalId?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  /** Picklist values in order. */
  picklistValues?: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  /** Default value on insert when the field is not given. */
  defaultValue?: string | number | boolean;
  /** Only the declared picklist values are accepted (describe `restrictedPicklist`). */
  restrictedPicklist?: boolean;
  /** Salesforce numbers the field itself on insert (describe `autoNumber`); never createable. */
  autoNumber?: boolean;
  /** An auto-number's display format from the metadata, e.g. `COM-{00000000}` (`{0}` when absent). */
  displayFormat?: string;
  custom: boolean;
  /** Salesforce fills these: SystemModstamp, CreatedDate, LastModifiedDate, IsDeleted, Id, …. */
  calculated?: boolean;
}

export interface ChildRelationshipSchema {
  /** Name used in a SOQL subquery: `(SELECT … FROM OpportunitySplits)`. */
  relationshipName: string;
  childSObject: string;
  /** The field on the child that points at the parent (`OpportunityId`). */
  field: string;
  cascadeDelete: boolean;
}

export interface ObjectSchema {
  /** API name (`Opportunity`, `Commission__c`). */
  name: string;
  label: string;
  labelPlural: string;
  /** Three-character id prefix (`006`, `a00`). */
  keyPrefix: string;
  custom: boolean;
  /** Which DML verbs the API user may use on it. */
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  /** Sharing model as declared (`Private`, `Read`, `ReadWrite`, `ControlledByParent`). */
  sharingModel?: string;
  fields: FieldSchema[];
  childRelationships: ChildRelationshipSchema[];
}

/** One stored record: field API name → value. Dates are `YYYY-MM-DD`, datetimes
 * `YYYY-MM-DDTHH:mm:ss.SSS+0000`, numbers are JS numbers (Salesforce's JSON carries numbers). */
export type SObjectRecord = Record<string, unknown> & { Id: string };
