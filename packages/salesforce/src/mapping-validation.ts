/**
 * Checks a field mapping against the org's describe: every named object, relationship and field
 * must exist, with a type the engine's deal can use. Issues name the mapping path and the field.
 */
import { formatPath } from '@attain/engine';
import type { FieldMapping, MappingIssue } from './mapping.js';

/** The parts of Salesforce's `DescribeSObjectResult` this check reads (jsforce's type satisfies it). */
export interface DescribedField {
  name: string;
  type: string;
  referenceTo?: string[] | null;
  relationshipName?: string | null;
}
export interface DescribedChildRelationship {
  relationshipName?: string | null;
  childSObject: string;
  field: string;
}
export interface DescribedObject {
  name: string;
  fields: DescribedField[];
  childRelationships: DescribedChildRelationship[];
}
/** Describes one object; resolves to null when the org has no such object. */
export type DescribeFn = (objectName: string) => Promise<DescribedObject | null>;

/** Stable codes of a mapping's problems with the org (lower snake_case, like every problem code). */
export const MappingIssueCode = {
  unknownObject: 'unknown_object',
  unknownField: 'unknown_field',
  unknownRelationship: 'unknown_relationship',
  wrongType: 'wrong_type',
} as const;

const NUMBER_TYPES = ['currency', 'double', 'int', 'long', 'percent'];
const TEXT_TYPES = ['string', 'picklist', 'textarea', 'email', 'phone', 'url', 'combobox'];
/** Types whose values are not one string, number or boolean. */
const NON_SCALAR_TYPES = ['address', 'location', 'base64', 'anyType', 'complexvalue'];

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

interface Expectation {
  /** What the engine needs, said in words: `a number field`. */
  needs: string;
  accepts: (field: DescribedField) => boolean;
}

const expect = {
  id: { needs: 'an id or text field', accepts: (f) => f.type === 'id' || TEXT_TYPES.includes(f.type) },
  user: {
    needs: 'a lookup to User',
    accepts: (f) => f.type === 'reference' && (f.referenceTo ?? []).includes('User'),
  },
  number: { needs: `a number field (${NUMBER_TYPES.join(', ')})`, accepts: (f) => NUMBER_TYPES.includes(f.type) },
  percent: { needs: 'a percent or number field', accepts: (f) => NUMBER_TYPES.includes(f.type) },
  date: { needs: 'a date or date/time field', accepts: (f) => f.type === 'date' || f.type === 'datetime' },
  boolean: { needs: 'a checkbox (boolean) field', accepts: (f) => f.type === 'boolean' },
  text: { needs: 'a text or picklist field', accepts: (f) => TEXT_TYPES.includes(f.type) },
  planId: {
    needs: 'a text, picklist or lookup field',
    accepts: (f) => TEXT_TYPES.includes(f.type) || f.type === 'reference',
  },
  scalar: { needs: 'a field with one value', accepts: (f) => !NON_SCALAR_TYPES.includes(f.type) },
} satisfies Record<string, Expectation>;

class Describer {
  private readonly cache = new Map<string, Promise<DescribedObject | null>>();
  constructor(private readonly describe: DescribeFn) {}
  get(name: string): Promise<DescribedObject | null> {
    const key = name.toLowerCase();
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.describe(name);
      this.cache.set(key, pending);
    }
    return pending;
  }
}

/** Resolves `Account.Owner.Email` from `object`; returns the final field or the issue on the way. */
async function resolvePath(
  describer: Describer,
  object: DescribedObject,
  path: string,
  at: (string | number)[],
): Promise<{ field: DescribedField; objectName: string } | MappingIssue> {
  const segments = path.split('.');
  let current = object;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (last) {
      const field = current.fields.find((f) => same(f.name, segment));
      if (!field) {
        return { code: MappingIssueCode.unknownField, path: at, message: `${current.name} has no field ${segment}` };
      }
      return { field, objectName: current.name };
    }
    const reference = current.fields.find((f) => f.type === 'reference' && same(f.relationshipName, segment));
    const target = reference?.referenceTo?.[0];
    if (!reference || !target) {
      return {
        code: MappingIssueCode.unknownRelationship,
        path: at,
        message: `${current.name} has no parent relationship ${segment} (in ${path})`,
      };
    }
    const next = await describer.get(target);
    if (!next) {
      return {
        code: MappingIssueCode.unknownObject,
        path: at,
        message: `${target} (behind ${segment}) cannot be described`,
      };
    }
    current = next;
  }
  // An empty path cannot get here: the mapping schema refuses it.
  return { code: MappingIssueCode.unknownField, path: at, message: `empty field path` };
}

async function check(
  describer: Describer,
  object: DescribedObject,
  path: string,
  at: (string | number)[],
  expectation: Expectation,
): Promise<MappingIssue | null> {
  const resolved = await resolvePath(describer, object, path, at);
  if ('code' in resolved) return resolved;
  if (expectation.accepts(resolved.field)) return null;
  return {
    code: MappingIssueCode.wrongType,
    path: at,
    message: `${resolved.objectName}.${resolved.field.name} has type ${resolved.field.type}; ${formatPath(at)} needs ${expectation.needs}`,
  };
}

async function childObject(
  describer: Describer,
  parent: DescribedObject,
  relationship: string,
  at: (string | number)[],
): Promise<DescribedObject | MappingIssue> {
  const child = parent.childRelationships.find((r) => same(r.relationshipName, relationship));
  if (!child) {
    return {
      code: MappingIssueCode.unknownRelationship,
      path: at,
      message: `${parent.name} has no child relationship ${relationship}`,
    };
  }
  const described = await describer.get(child.childSObject);
  if (!described) {
    return { code: MappingIssueCode.unknownObject, path: at, message: `${child.childSObject} cannot be described` };
  }
  return described;
}

/** Every problem of `mapping` in the org described by `describe`; empty when the mapping is usable. */
export async function validateMappingAgainstOrg(mapping: FieldMapping, describe: DescribeFn): Promise<MappingIssue[]> {
  const describer = new Describer(describe);
  const object = await describer.get(mapping.object);
  if (!object) {
    return [
      { code: MappingIssueCode.unknownObject, path: ['object'], message: `the org has no object ${mapping.object}` },
    ];
  }
  const checks: Promise<MappingIssue | null>[] = [
    check(describer, object, mapping.id, ['id'], expect.id),
    check(describer, object, mapping.owner, ['owner'], expect.user),
    check(describer, object, mapping.amount, ['amount'], expect.number),
    check(describer, object, mapping.closeDate, ['closeDate'], expect.date),
  ];
  if ('field' in mapping.won)
    checks.push(check(describer, object, mapping.won.field, ['won', 'field'], expect.boolean));
  else checks.push(check(describer, object, mapping.won.stageField, ['won', 'stageField'], expect.text));
  if (mapping.currency !== undefined) {
    checks.push(check(describer, object, mapping.currency, ['currency'], expect.text));
  }
  const issues: MappingIssue[] = [];
  if (mapping.splits) {
    const splits = mapping.splits;
    const child = await childObject(describer, object, splits.relationship, ['splits', 'relationship']);
    if ('code' in child) issues.push(child);
    else {
      checks.push(check(describer, child, splits.owner, ['splits', 'owner'], expect.user));
      checks.push(check(describer, child, splits.percent, ['splits', 'percent'], expect.percent));
    }
  }
  for (const [name, source] of Object.entries(mapping.fields)) {
    if ('child' in source) {
      const child = await childObject(describer, object, source.child, ['fields', name, 'child']);
      if ('code' in child) issues.push(child);
      else checks.push(check(describer, child, source.path, ['fields', name, 'path'], expect.scalar));
    } else {
      checks.push(check(describer, object, source.path, ['fields', name, 'path'], expect.scalar));
    }
  }
  if (mapping.assignments) {
    const user = await describer.get('User');
    if (!user)
      issues.push({ code: MappingIssueCode.unknownObject, path: ['assignments'], message: 'User cannot be described' });
    else {
      checks.push(
        check(describer, user, mapping.assignments.userPlanField, ['assignments', 'userPlanField'], expect.planId),
      );
    }
  }
  for (const issue of await Promise.all(checks)) if (issue) issues.push(issue);
  return issues.sort((a, b) => a.path.join('.').localeCompare(b.path.join('.')));
}

/** The describe type of `path` from `objectName` (`Account.Industry` → `picklist`), or null when it does not resolve. */
export async function describePathType(describe: DescribeFn, objectName: string, path: string): Promise<string | null> {
  const describer = new Describer(describe);
  const object = await describer.get(objectName);
  if (!object) return null;
  const resolved = await resolvePath(describer, object, path, []);
  return 'code' in resolved ? null : resolved.field.type;
}
