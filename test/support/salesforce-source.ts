/**
 * Reading the SFDX package in salesforce/force-app for the static checks
 * (salesforce-metadata.test.ts, salesforce-token.test.ts): the file list, paths, and the metadata
 * XML parsed the way the Metadata API reads it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export type Xml = Record<string, unknown>;

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const forceApp = join(repoRoot, 'salesforce/force-app');
export const source = join(forceApp, 'main/default');
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
export const API_VERSION = (
  JSON.parse(readFileSync(join(repoRoot, 'salesforce/sfdx-project.json'), 'utf8')) as {
    sourceApiVersion: string;
  }
).sourceApiVersion;

/** File suffix → root element, and whether that kind must state its apiVersion. */
const KINDS: Record<string, { root: string; apiVersion: boolean }> = {
  '.object-meta.xml': { root: 'CustomObject', apiVersion: false },
  '.field-meta.xml': { root: 'CustomField', apiVersion: false },
  '.permissionset-meta.xml': { root: 'PermissionSet', apiVersion: false },
  '.cls-meta.xml': { root: 'ApexClass', apiVersion: true },
  '.js-meta.xml': { root: 'LightningComponentBundle', apiVersion: true },
  '.resource-meta.xml': { root: 'StaticResource', apiVersion: false },
  '.cspTrustedSite-meta.xml': { root: 'CspTrustedSite', apiVersion: false },
  '.flexipage-meta.xml': { root: 'FlexiPage', apiVersion: false },
  '.tab-meta.xml': { root: 'CustomTab', apiVersion: false },
  '.md-meta.xml': { root: 'CustomMetadata', apiVersion: false },
};

const REPEATED = new Set([
  'classAccesses',
  'customMetadataTypeAccesses',
  'fieldPermissions',
  'flexiPageRegions',
  'itemInstances',
  'objectPermissions',
  'referenceTo',
  'tabSettings',
  'target',
  'values',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});
export const orderedParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', preserveOrder: true });

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export const files = walk(forceApp).sort();
export const metaFiles = files.filter((file) => file.endsWith('-meta.xml'));
export const at = (...parts: string[]) => join(source, ...parts);
export const text = (path: string) => readFileSync(path, 'utf8');
export const rel = (path: string) => relative(repoRoot, path);

export function kindOf(file: string) {
  const suffix = Object.keys(KINDS).find((candidate) => file.endsWith(candidate));
  return suffix === undefined ? undefined : { suffix, ...KINDS[suffix]! };
}

/** The root element's content, parsed (values stay strings). */
export function read(path: string): Xml {
  const kind = kindOf(path);
  if (!kind) throw new Error(`unknown metadata kind: ${rel(path)}`);
  return (parser.parse(text(path)) as Xml)[kind.root] as Xml;
}

export const list = (xml: Xml, key: string) => (xml[key] ?? []) as Xml[];
export const valueText = (value: unknown) =>
  typeof value === 'object' && value !== null ? String((value as Xml)['#text'] ?? '') : String(value ?? '');
export const fieldFile = (object: string, field: string) => at('objects', object, 'fields', `${field}.field-meta.xml`);
