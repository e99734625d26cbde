/**
 * @attain/salesforce: Attain's Salesforce adapter. The jsforce connection and session (API budget,
 * faults), SOQL builders, the admin's field mapping (schema, parsing, validation against describe),
 * mapping → engine deal normalization, Commission__c / Commission_Statement__c record shapes, API-call
 * classification, Bulk 2.0 jobs and queries, record names. No Redis here.
 */

export { type ApiCall, ApiCallKind, classifyApiCall } from './api-calls.js';
export { waitForJob } from './bulk-jobs.js';
export { bulkDealRecords } from './bulk-query.js';
export { canonicalJson, contentHash } from './canonical-json.js';
export {
  COMMISSION_OBJECT,
  EXTERNAL_KEY_FIELD,
  lineExternalKey,
  type RecordOptions,
  type RecordToWrite,
  recordsFor,
  type SalesforceValue,
  STATEMENT_OBJECT,
  statementExternalKey,
  statementKeyOfLedgerKey,
} from './commission-records.js';
export { compareIds } from './compare-ids.js';
export { connectSalesforce, describeThrough, jwtAssertion, type SalesforceAuth } from './connection.js';
export {
  ApiBudgetExceededError,
  type ApiUsage,
  errorCodeOf,
  isTransientError,
  TRANSIENT_STATUS_CODES,
} from './faults.js';
export {
  DEFAULT_FIELD_MAPPING,
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  formatMappingIssue,
  type MappingIssue,
  parseFieldMapping,
} from './mapping.js';
export {
  type DescribedField,
  type DescribedObject,
  type DescribeFn,
  MappingIssueCode,
  validateMappingAgainstOrg,
} from './mapping-validation.js';
export {
  type NormalizeContext,
  type NormalizedRecord,
  normalizeRecord,
  type RecordError,
  RecordErrorCode,
  readPath,
  recordPath,
} from './normalize.js';
export { recordNameField } from './record-name.js';
export { SalesforceSession } from './session.js';
export {
  buildChangesQuery,
  buildDealQuery,
  buildNewestRowsQuery,
  childSelections,
  childSubqueries,
  parseSalesforceDateTime,
  SYSTEM_MODSTAMP,
  selectedFields,
  soqlString,
} from './soql.js';
