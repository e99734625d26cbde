/**
 * The org's metadata: standard objects declared in code plus Attain's custom objects read from the
 * SFDX package, and those of any other SFDX project given. Lookups are case-insensitive for API
 * names (as Salesforce is) and case-sensitive for key prefixes (`00e` is Profile, `00E` is UserRole).
 */
import { fileURLToPath } from 'node:url';
import { type LoadedCustomObjects, loadCustomObjects, SchemaLoadError, SchemaLoadErrorCode } from './sfdx-loader.js';
import { sfdxSourceDirs } from './sfdx-project.js';
import { standardObjects } from './standard-objects.js';
import type { ChildRelationshipSchema, FieldSchema, ObjectSchema } from './types.js';

/** `<repo>/salesforce/force-app/main/default`; the same depth from `src/schema/` and `dist/schema/`. */
export const DEFAULT_SFDX_PATH = fileURLToPath(
  new URL('../../../../salesforce/force-app/main/default', import.meta.url),
);

export interface SchemaRegistryOptions {
  /** The SFDX source directory holding `objects/` (defaults to the repository's package). */
  sfdxPath?: string;
  /**
   * More SFDX projects (or source folders) whose custom objects, and custom fields on emulated
   * standard objects, load beside Attain's (`attain emulator --sfdx-path DIR`). Their key prefixes
   * continue after Attain's objects, so Attain's never change.
   */
  sfdxProjects?: string[];
}

interface ObjectIndex {
  schema: ObjectSchema;
  fields: Map<string, FieldSchema>;
  /** Parent relationships by lower-cased name (`owner` → OwnerId, `opportunity__r` → Opportunity__c). */
  parents: Map<string, FieldSchema>;
  children: Map<string, ChildRelationshipSchema>;
}

export class SchemaRegistry {
  private readonly byName = new Map<string, ObjectIndex>();
  private readonly byExactName = new Map<string, ObjectIndex>();
  private readonly byPrefix = new Map<string, ObjectSchema>();
  private readonly ordered: ObjectSchema[];

  private constructor(objects: ObjectSchema[]) {
    this.ordered = objects;
    for (const schema of objects) {
      const index: ObjectIndex = { schema, fields: new Map(), parents: new Map(), children: new Map() };
      for (const field of schema.fields) {
        index.fields.set(field.name.toLowerCase(), field);
        if (field.relationshipName) index.parents.set(field.relationshipName.toLowerCase(), field);
      }
      for (const relationship of schema.childRelationships) {
        index.children.set(relationship.relationshipName.toLowerCase(), relationship);
      }
      this.byName.set(schema.name.toLowerCase(), index);
      this.byExactName.set(schema.name, index);
      this.byPrefix.set(schema.keyPrefix, schema);
    }
  }

  /** Standard objects plus the custom objects of the SFDX package, cross-linked both ways. */
  static load(options: SchemaRegistryOptions = {}): SchemaRegistry {
    const sources: { path: string; loaded: LoadedCustomObjects }[] = [];
    const attainPath = options.sfdxPath ?? DEFAULT_SFDX_PATH;
    sources.push({ path: attainPath, loaded: loadCustomObjects(attainPath) });
    let nextPrefix = sources[0]?.loaded.objects.length ?? 0;
    for (const project of options.sfdxProjects ?? []) {
      for (const path of sfdxSourceDirs(project)) {
        const loaded = loadCustomObjects(path, nextPrefix);
        nextPrefix += loaded.objects.length;
        sources.push({ path, loaded });
      }
    }
    const objects = standardObjects();
    const byName = new Map(objects.map((schema) => [schema.name.toLowerCase(), schema]));
    for (const { path, loaded } of sources) {
      for (const object of loaded.objects) {
        if (byName.has(object.name.toLowerCase())) {
          throw new SchemaLoadError(SchemaLoadErrorCode.duplicateObject, path, `${object.name} is defined twice`);
        }
        byName.set(object.name.toLowerCase(), object);
        objects.push(object);
      }
    }
    const links = sources.flatMap(({ loaded }) => loaded.links);
    for (const { path, loaded } of sources) {
      for (const extra of loaded.standardObjectFields) {
        // Fields on a standard object the emulator does not model (Case, Lead…) have nowhere to go.
        const target = byName.get(extra.objectName.toLowerCase());
        if (!target || target.custom) continue;
        for (const field of extra.fields) {
          if (target.fields.some((known) => known.name.toLowerCase() === field.name.toLowerCase())) {
            throw new SchemaLoadError(
              SchemaLoadErrorCode.duplicateField,
              path,
              `${target.name}.${field.name} is defined twice`,
            );
          }
          target.fields.push(field);
        }
        links.push(...extra.links);
      }
    }
    for (const link of links) {
      // A lookup to an object we do not emulate still works as a plain id field, just without a child side.
      byName.get(link.parentObject.toLowerCase())?.childRelationships.push(link.relationship);
    }
    return new SchemaRegistry(objects);
  }

  /** A registry over the given schemas as they are (tests, or orgs assembled in code). */
  static fromObjects(objects: ObjectSchema[]): SchemaRegistry {
    return new SchemaRegistry(objects);
  }

  get(name: string): ObjectSchema | undefined {
    // Most callers spell the name as the schema does: skip lower-casing for them (DML asks per record).
    return (this.byExactName.get(name) ?? this.byName.get(name.toLowerCase()))?.schema;
  }

  /** The object whose records' ids start with `prefix`; a whole id works too (its first 3 characters). */
  byKeyPrefix(prefix: string): ObjectSchema | undefined {
    return this.byPrefix.get(prefix.slice(0, 3));
  }

  all(): ObjectSchema[] {
    return [...this.ordered];
  }

  field(objectName: string, fieldName: string): FieldSchema | undefined {
    return this.byName.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase());
  }

  /** The reference field behind a parent relationship name used in SOQL (`Owner`, `Opportunity__r`). */
  parentRelationship(objectName: string, relationshipName: string): FieldSchema | undefined {
    return this.byName.get(objectName.toLowerCase())?.parents.get(relationshipName.toLowerCase());
  }

  /** A child relationship used in a SOQL subquery (`OpportunitySplits`, `Commissions__r`). */
  childRelationship(objectName: string, relationshipName: string): ChildRelationshipSchema | undefined {
    return this.byName.get(objectName.toLowerCase())?.children.get(relationshipName.toLowerCase());
  }
}
