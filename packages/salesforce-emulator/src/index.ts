/**
 * @attain/salesforce-emulator: a local Salesforce (REST, OAuth 2.0, Bulk API 2.0) over an
 * in-memory org, faithful enough that jsforce cannot tell it from the real thing for what Attain uses.
 */
export type { EmulatorContext, RestError } from './context.js';
export { DEFAULT_FAULTS, FailureMode, type FaultSettings, FaultSettingsError, Faults } from './faults.js';
export { IdFactory, idChecksum, isSalesforceId, to15, to18 } from './ids.js';
export { type CountedLimit, DEFAULT_LIMITS, type LimitSettings, Limits } from './limits.js';
export type { SessionStore } from './oauth/sessions.js';
export { RequestKind, type StatsSnapshot } from './rest/request-stats.js';
export { LATEST_API_VERSION } from './rest/versions-route.js';
export { SchemaRegistry } from './schema/registry.js';
export type { ChildRelationshipSchema, FieldSchema, FieldType, ObjectSchema, SObjectRecord } from './schema/types.js';
export { type GenerateOrgOptions, generateOrg, INTEGRATION_USERNAME, type SeedData } from './seed/index.js';
export {
  type ChangeDataCaptureOptions,
  createEmulator,
  DEFAULT_CDC_ENTITIES,
  EMULATOR_DEFAULTS,
  type Emulator,
  type EmulatorHost,
  type EmulatorOptions,
} from './server.js';
export { executeSoql, parseSoql, SoqlError, SoqlErrorCode } from './soql/index.js';
export { Dml, type DmlResult, type SalesforceError } from './store/dml.js';
export { DmlErrorCode } from './store/dml-errors.js';
export { type OrgData, type OrgInfo, OrgStore } from './store/org-store.js';
export { canonicalId } from './store/record-id.js';
export {
  ALL_CHANGE_EVENTS,
  type ChangeEventHeader,
  type ChangeEventMessage,
  ChangeEvents,
  ChangeType,
  type RetainedEvent,
} from './streaming/change-events.js';
export { StreamingErrors, StreamingServer } from './streaming/cometd-server.js';
