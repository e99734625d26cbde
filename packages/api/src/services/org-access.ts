/**
 * What the API reads from the org itself, through the worker's integration-user session: the
 * describe of objects (field mapping screens and checks) and a sample of mapped records (preview).
 * It never reads records to change synced data: a retry is the worker's job. Any failure becomes a
 * 502 that says Salesforce did not answer, without internals.
 */

import type {
  DescribedField,
  DescribedObject,
  FieldMapping,
  MappingIssue,
  SalesforceSession,
} from '@attain/salesforce';
import { childSubqueries, describeThrough, selectedFields, validateMappingAgainstOrg } from '@attain/salesforce';
import type { Connection, DescribeSObjectResult } from 'jsforce';
import { ApiError, ErrorCode } from '../errors.js';

export type SalesforceRow = Record<string, unknown>;

/** A field as the mapping screens show it: with its label, and a picklist's values. */
export interface LabelledField extends DescribedField {
  label: string;
  /** For picklists (and multi-select ones): the values the org defines, active or not. */
  picklistValues?: { value: string; label: string; active: boolean }[];
}

export interface LabelledObject extends DescribedObject {
  label: string;
  fields: LabelledField[];
}

export interface OrgAccess {
  describe(objectName: string): Promise<LabelledObject | null>;
  checkMapping(mapping: FieldMapping): Promise<MappingIssue[]>;
  /** The `limit` most recently modified records of the mapped object, read with the mapping's own selection. */
  sample(mapping: FieldMapping, limit: number): Promise<{ soql: string; records: SalesforceRow[] }>;
}

function selection(mapping: FieldMapping): string {
  return [...selectedFields(mapping), ...childSubqueries(mapping)].join(', ');
}

function unavailable(error: unknown): ApiError {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  const detail = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return new ApiError(502, ErrorCode.salesforceUnavailable, `Salesforce did not answer the request${detail}`);
}

const PICKLIST_TYPES = new Set(['picklist', 'multipicklist']);

interface RawField {
  name: string;
  type: string;
  label?: string | null;
  referenceTo?: string[] | null;
  relationshipName?: string | null;
  picklistValues?: { value: string; label?: string | null; active?: boolean }[] | null;
}

/** The worker's describe (names, types, relationships) plus what people read: labels and picklist values. */
async function describeLabelled(connection: Connection, objectName: string): Promise<LabelledObject | null> {
  // One describe call: the worker's mapping (and its not-found handling) reads it, and the raw answer is kept.
  let raw: DescribeSObjectResult | undefined;
  const keeping = {
    describe: async (name: string) => {
      raw = await connection.describe(name);
      return raw;
    },
  } as unknown as Connection;
  const plain = await describeThrough(keeping)(objectName);
  if (!plain || !raw) return null;
  const byName = new Map((raw.fields as RawField[]).map((field) => [field.name, field]));
  return {
    ...plain,
    label: raw.label,
    fields: plain.fields.map((field) => {
      const source = byName.get(field.name);
      const labelled: LabelledField = { ...field, label: source?.label || field.name };
      if (PICKLIST_TYPES.has(field.type)) {
        labelled.picklistValues = (source?.picklistValues ?? []).map((entry) => ({
          value: entry.value,
          label: entry.label || entry.value,
          active: entry.active !== false,
        }));
      }
      return labelled;
    }),
  };
}

export function orgAccess(session: SalesforceSession): OrgAccess {
  const call = async <T>(work: (connection: Connection) => Promise<T>): Promise<T> => {
    try {
      return await session.call(work);
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    describe: (objectName) => call((connection) => describeLabelled(connection, objectName)),
    checkMapping: (mapping) => call((connection) => validateMappingAgainstOrg(mapping, describeThrough(connection))),
    async sample(mapping, limit) {
      const soql = `SELECT ${selection(mapping)} FROM ${mapping.object} ORDER BY SystemModstamp DESC, Id DESC LIMIT ${limit}`;
      const result = await call(
        async (connection) => await connection.query<SalesforceRow>(soql, { autoFetch: false }),
      );
      return { soql, records: result.records };
    },
  };
}
