import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SFDX_PATH, SchemaRegistry } from '../../src/schema/registry.js';
import { loadCustomObjects, SchemaLoadError } from '../../src/schema/sfdx-loader.js';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const roots: string[] = [];

/** Writes a throwaway SFDX source tree: `{ Object__c: { object: xml, fields: { Name__c: xml } } }`. */
function sfdx(objects: Record<string, { object: string; fields: Record<string, string> }>): string {
  const root = mkdtempSync(join(tmpdir(), 'attain-sfdx-'));
  roots.push(root);
  for (const [name, { object, fields }] of Object.entries(objects)) {
    mkdirSync(join(root, 'objects', name, 'fields'), { recursive: true });
    writeFileSync(
      join(root, 'objects', name, `${name}.object-meta.xml`),
      `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="${NS}">${object}</CustomObject>`,
    );
    for (const [fieldName, body] of Object.entries(fields)) {
      writeFileSync(
        join(root, 'objects', name, 'fields', `${fieldName}.field-meta.xml`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="${NS}"><fullName>${fieldName}</fullName>${body}</CustomField>`,
      );
    }
  }
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const textName =
  '<label>Line</label><nameField><label>Line Name</label><type>Text</type></nameField><pluralLabel>Lines</pluralLabel><sharingModel>ControlledByParent</sharingModel>';

describe('loadCustomObjects', () => {
  it('maps master-detail, checkbox, formula and multi-select fields as describe reports them', () => {
    const root = sfdx({
      Line__c: {
        object: textName,
        fields: {
          Statement__c:
            '<label>Statement</label><referenceTo>Commission_Statement__c</referenceTo><relationshipName>Lines</relationshipName><type>MasterDetail</type>',
          Paid__c: '<defaultValue>true</defaultValue><label>Paid</label><type>Checkbox</type>',
          Doubled__c:
            '<formula>Amount__c * 2</formula><label>Doubled</label><precision>18</precision><scale>2</scale><type>Currency</type>',
          Tags__c:
            '<label>Tags</label><type>MultiselectPicklist</type><valueSet><valueSetDefinition><value><fullName>A</fullName><default>false</default><label>A</label></value></valueSetDefinition></valueSet>',
          Contact_Email__c: '<label>Email</label><type>Email</type>',
        },
      },
      Aaa__c: { object: '<label>Aaa</label><pluralLabel>Aaas</pluralLabel>', fields: {} },
    });
    const { objects, links } = loadCustomObjects(root);
    expect(objects.map((o) => [o.name, o.keyPrefix])).toEqual([
      ['Aaa__c', 'a00'],
      ['Line__c', 'a01'],
    ]);
    const line = objects[1];
    const field = (name: string) => line?.fields.find((f) => f.name === name);
    expect(field('OwnerId')).toBeUndefined();
    expect(field('Name')).toMatchObject({ type: 'string', createable: true, length: 80 });
    expect(field('Statement__c')).toMatchObject({
      type: 'reference',
      nillable: false,
      updateable: false,
      relationshipName: 'Statement__r',
    });
    expect(field('Paid__c')).toMatchObject({ type: 'boolean', defaultValue: true, nillable: false });
    expect(field('Doubled__c')).toMatchObject({ type: 'currency', createable: false, calculated: true });
    expect(field('Tags__c')).toMatchObject({
      type: 'multipicklist',
      picklistValues: [{ value: 'A', label: 'A', active: true, defaultValue: false }],
    });
    expect(field('Contact_Email__c')).toMatchObject({ type: 'email', soapType: 'xsd:string', length: 255 });
    expect(links).toEqual([
      {
        parentObject: 'Commission_Statement__c',
        relationship: {
          relationshipName: 'Lines__r',
          childSObject: 'Line__c',
          field: 'Statement__c',
          cascadeDelete: true,
        },
      },
    ]);
  });

  it('carries auto-number display formats and restricted picklists', () => {
    const root = sfdx({
      Ticket__c: {
        object:
          '<label>Ticket</label><nameField><displayFormat>T-{YYYY}-{0000}</displayFormat><label>Ticket Number</label><type>AutoNumber</type></nameField><pluralLabel>Tickets</pluralLabel>',
        fields: {
          Serial__c: '<displayFormat>S{000000}</displayFormat><label>Serial</label><type>AutoNumber</type>',
          Plain__c: '<label>Plain</label><type>AutoNumber</type>',
          Stage__c:
            '<label>Stage</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition><value><fullName>Open</fullName><default>true</default><label>Open</label></value></valueSetDefinition></valueSet>',
          Mood__c:
            '<label>Mood</label><type>Picklist</type><valueSet><valueSetDefinition><value><fullName>Calm</fullName><default>false</default><label>Calm</label></value></valueSetDefinition></valueSet>',
        },
      },
    });
    const [ticket] = loadCustomObjects(root).objects;
    const field = (name: string) => ticket?.fields.find((f) => f.name === name);
    expect(field('Name')).toMatchObject({ autoNumber: true, displayFormat: 'T-{YYYY}-{0000}', createable: false });
    expect(field('Serial__c')).toMatchObject({ autoNumber: true, displayFormat: 'S{000000}', createable: false });
    expect(field('Plain__c')).toMatchObject({ autoNumber: true });
    expect(field('Plain__c')?.displayFormat).toBeUndefined();
    expect(field('Stage__c')).toMatchObject({ restrictedPicklist: true, defaultValue: 'Open' });
    expect(field('Mood__c')?.restrictedPicklist).toBeUndefined();
  });

  it("reads the package's own formats and restrictions", () => {
    const registry = SchemaRegistry.load();
    expect(registry.field('Commission__c', 'Name')).toMatchObject({
      autoNumber: true,
      displayFormat: 'COM-{00000000}',
    });
    expect(registry.field('Commission_Statement__c', 'Name')).toMatchObject({ displayFormat: 'CST-{00000000}' });
    expect(registry.field('Commission_Statement__c', 'Status__c')).toMatchObject({ restrictedPicklist: true });
  });

  it('rejects field types it does not know, naming the file', () => {
    const root = sfdx({
      Bad__c: { object: textName, fields: { Where__c: '<label>Where</label><type>Location</type>' } },
    });
    let error: unknown;
    try {
      loadCustomObjects(root);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaLoadError);
    expect(error).toMatchObject({ code: 'SFDX_UNSUPPORTED_FIELD_TYPE' });
    expect((error as SchemaLoadError).path).toMatch(/Where__c\.field-meta\.xml$/);
  });

  it('reports a source tree without objects/ and a file that is not XML', () => {
    const empty = mkdtempSync(join(tmpdir(), 'attain-sfdx-'));
    roots.push(empty);
    expect(() => loadCustomObjects(empty)).toThrow(expect.objectContaining({ code: 'SFDX_MISSING_DIRECTORY' }));
    const root = sfdx({ Broken__c: { object: textName, fields: {} } });
    writeFileSync(join(root, 'objects', 'Broken__c', 'Broken__c.object-meta.xml'), '<nope/>');
    expect(() => loadCustomObjects(root)).toThrow(expect.objectContaining({ code: 'SFDX_INVALID_XML' }));
  });

  it('loads a registry from another source tree', () => {
    const root = sfdx({ Solo__c: { object: '<label>Solo</label><pluralLabel>Solos</pluralLabel>', fields: {} } });
    const registry = SchemaRegistry.load({ sfdxPath: root });
    expect(registry.get('solo__c')?.keyPrefix).toBe('a00');
    expect(registry.get('Commission__c')).toBeUndefined();
  });
});

describe('the permission sets of the package', () => {
  const parser = new XMLParser({ isArray: (tag) => tag === 'fieldPermissions' || tag === 'objectPermissions' });
  const registry = SchemaRegistry.load();
  const dir = join(DEFAULT_SFDX_PATH, 'permissionsets');
  const sets = Object.fromEntries(
    readdirSync(dir).map((file) => [
      file.replace('.permissionset-meta.xml', ''),
      parser.parse(readFileSync(join(dir, file), 'utf8')).PermissionSet,
    ]),
  );

  it('ships Attain_Rep, Attain_Ops and Attain_Admin', () => {
    expect(Object.keys(sets).sort()).toEqual(['Attain_Admin', 'Attain_Ops', 'Attain_Rep']);
  });

  it('grants field access only to fields that exist and may carry permissions (not required ones)', () => {
    for (const [name, set] of Object.entries(sets)) {
      for (const permission of set.fieldPermissions as { field: string; readable: boolean; editable: boolean }[]) {
        const [objectName = '', fieldName = ''] = permission.field.split('.');
        const field = registry.field(objectName, fieldName);
        expect(field, `${name}: ${permission.field}`).toBeDefined();
        expect(field?.nillable, `${name}: ${permission.field} is required`).toBe(true);
        expect(permission.readable).toBe(true);
      }
      const customFields = registry
        .all()
        .filter((o) => o.custom)
        .flatMap((o) => o.fields.filter((f) => f.custom && f.nillable).map((f) => `${o.name}.${f.name}`));
      expect((set.fieldPermissions as { field: string }[]).map((p) => p.field).sort(), name).toEqual(
        customFields.sort(),
      );
    }
  });

  it('gives reps read, ops read-all and admins full access', () => {
    const access = (name: string) =>
      (sets[name].objectPermissions as Record<string, unknown>[]).map((p) => [
        p.object,
        p.allowRead,
        p.allowEdit,
        p.viewAllRecords,
        p.modifyAllRecords,
      ]);
    expect(access('Attain_Rep')).toEqual([
      ['Commission_Statement__c', true, false, false, false],
      ['Commission__c', true, false, false, false],
    ]);
    expect(access('Attain_Ops')).toEqual([
      ['Commission_Statement__c', true, false, true, false],
      ['Commission__c', true, false, true, false],
    ]);
    expect(access('Attain_Admin')).toEqual([
      ['Commission_Statement__c', true, true, true, true],
      ['Commission__c', true, true, true, true],
    ]);
    expect((sets.Attain_Rep.fieldPermissions as { editable: boolean }[]).every((p) => !p.editable)).toBe(true);
    expect((sets.Attain_Admin.fieldPermissions as { editable: boolean }[]).every((p) => p.editable)).toBe(true);
  });
});
