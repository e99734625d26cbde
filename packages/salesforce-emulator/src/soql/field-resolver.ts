/**
 * Resolves field paths as written in a query (`owner.manager.name`) against the schema, once per
 * query: canonical names, the reference fields to follow, and a reader closure that follows them
 * on a row. Unknown names fail with Salesforce's INVALID_FIELD sentences.
 */
import type { ChildRelationshipSchema, FieldSchema, ObjectSchema, SObjectRecord } from '../schema/types.js';
import type { FieldPath } from './ast.js';
import { SoqlError, SoqlErrorCode, SoqlMessages } from './soql-error.js';
import type { SoqlSource } from './source.js';

/** Salesforce allows five levels of child-to-parent relationships in a path. */
export const MAX_RELATIONSHIP_HOPS = 5;

export interface RelationshipHop {
  /** Canonical relationship name (`Owner`), the JSON key of the nested parent record. */
  relationshipName: string;
  /** The reference field on the child holding the parent id (`OwnerId`). */
  field: FieldSchema;
  target: ObjectSchema;
}

export interface ResolvedField {
  /** Canonical dotted name: `Owner.Name`. */
  column: string;
  hops: RelationshipHop[];
  field: FieldSchema;
  /** The object the final field belongs to. */
  owner: ObjectSchema;
  read: (row: SObjectRecord) => unknown;
}

interface SchemaIndex {
  fields: Map<string, FieldSchema>;
  relationships: Map<string, FieldSchema>;
  children: Map<string, ChildRelationshipSchema>;
}

const indexes = new WeakMap<ObjectSchema, SchemaIndex>();

/** Case-insensitive lookups on one schema, built on first use and kept as long as the schema lives. */
export function schemaIndex(schema: ObjectSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = { fields: new Map(), relationships: new Map(), children: new Map() };
    for (const field of schema.fields) {
      index.fields.set(field.name.toLowerCase(), field);
      if (field.type === 'reference' && field.relationshipName) {
        index.relationships.set(field.relationshipName.toLowerCase(), field);
      }
    }
    for (const child of schema.childRelationships) index.children.set(child.relationshipName.toLowerCase(), child);
    indexes.set(schema, index);
  }
  return index;
}

export interface ResolveScope {
  source: SoqlSource;
  /** Query text, for error positions. */
  text: string;
  root: ObjectSchema;
  alias?: string;
}

export function resolveField(path: FieldPath, scope: ResolveScope): ResolvedField {
  const { source, text, root } = scope;
  const segments = stripQualifier(path.segments, scope);
  const hops: RelationshipHop[] = [];
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    const reference = schemaIndex(current).relationships.get(segment.toLowerCase());
    const targetName = reference?.referenceTo?.[0];
    const target = targetName === undefined ? undefined : source.schema(targetName);
    if (!reference || !target) {
      throw SoqlError.at(
        SoqlErrorCode.invalidField,
        text,
        path.offset,
        SoqlMessages.unknownRelationshipInPath(segment),
      );
    }
    hops.push({ relationshipName: reference.relationshipName ?? segment, field: reference, target });
    current = target;
  }
  if (hops.length > MAX_RELATIONSHIP_HOPS) {
    throw SoqlError.at(
      SoqlErrorCode.malformedQuery,
      text,
      path.offset,
      `A field path can follow at most ${MAX_RELATIONSHIP_HOPS} relationships: ${path.segments.join('.')}`,
    );
  }
  const last = segments[segments.length - 1]!;
  const field = schemaIndex(current).fields.get(last.toLowerCase());
  if (!field) {
    throw SoqlError.at(SoqlErrorCode.invalidField, text, path.offset, SoqlMessages.noSuchColumn(last, current.name));
  }
  const column = [...hops.map((hop) => hop.relationshipName), field.name].join('.');
  return { column, hops, field, owner: current, read: readerFor(hops, field, source) };
}

/** Long text areas (more than 255 characters) can be selected, but Salesforce refuses to filter or sort on them. */
export function resolveComparableField(
  path: FieldPath,
  scope: ResolveScope,
  use: 'filtered' | 'sorted',
): ResolvedField {
  const resolved = resolveField(path, scope);
  if (resolved.field.type === 'textarea' && (resolved.field.length ?? 0) > 255) {
    throw SoqlError.at(
      SoqlErrorCode.invalidField,
      scope.text,
      path.offset,
      `field '${resolved.field.name}' can not be ${use} in a query call`,
    );
  }
  return resolved;
}

/** `o.Amount` with `FROM Opportunity o`, or `Opportunity.Amount`: the qualifier names the root. */
function stripQualifier(segments: string[], scope: ResolveScope): string[] {
  if (segments.length < 2) return segments;
  const first = segments[0]!.toLowerCase();
  const namesRoot = first === scope.alias?.toLowerCase() || first === scope.root.name.toLowerCase();
  if (namesRoot && !schemaIndex(scope.root).relationships.has(first)) return segments.slice(1);
  return segments;
}

function readerFor(hops: RelationshipHop[], field: FieldSchema, source: SoqlSource): (row: SObjectRecord) => unknown {
  const name = field.name;
  if (hops.length === 0) return (row) => row[name];
  return (row) => {
    const parent = followHops(row, hops, source);
    return parent === undefined ? null : parent[name];
  };
}

/** The record at the end of `hops`, or undefined when a lookup on the way is empty. */
export function followHops(
  row: SObjectRecord,
  hops: readonly RelationshipHop[],
  source: SoqlSource,
): SObjectRecord | undefined {
  let current: SObjectRecord | undefined = row;
  for (const hop of hops) {
    const id: unknown = current[hop.field.name];
    if (typeof id !== 'string' || id === '') return undefined;
    current = source.get(hop.target.name, id);
    if (!current) return undefined;
  }
  return current;
}
