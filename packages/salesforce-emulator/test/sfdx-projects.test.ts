/**
 * Bringing a team's own objects (`attain emulator --sfdx-path DIR`, `sfdxProjects`): the custom
 * objects of another SFDX project load beside Attain's and work through jsforce like any other.
 */
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, SchemaRegistry } from '../src/index.js';
import { sfdxSourceDirs } from '../src/schema/sfdx-project.js';
import { connect, rejection, startEmulator } from './emulator-fixture.js';

const FLEET = fileURLToPath(new URL('./fixtures/fleet-sfdx-project', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'attain-sfdx-projects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Row = Record<string, unknown>;

describe('an SFDX project beside Attain', () => {
  let emulator: Emulator;
  let conn: Connection;

  beforeAll(async () => {
    emulator = await startEmulator({ opportunities: 20, sfdxProjects: [FLEET] });
    conn = await connect(emulator);
  });
  afterAll(() => emulator.close());

  it("describes the project's object, with key prefixes after Attain's (which do not move)", async () => {
    const global = await conn.describeGlobal();
    const prefixes = Object.fromEntries(
      global.sobjects.filter((object) => object.custom).map((object) => [object.name, object.keyPrefix]),
    );
    expect(prefixes).toEqual({ Commission_Statement__c: 'a00', Commission__c: 'a01', Vehicle__c: 'a02' });
    const vehicle = await conn.sobject('Vehicle__c').describe();
    const fields = new Map(vehicle.fields.map((field) => [field.name, field]));
    expect(fields.get('VIN__c')).toMatchObject({ type: 'string', length: 17, externalId: true, unique: true });
    expect(fields.get('Purchase_Price__c')).toMatchObject({ type: 'currency', precision: 16, scale: 2 });
    expect(fields.get('Status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(fields.get('Electric__c')).toMatchObject({ type: 'boolean', nillable: false });
    expect(fields.get('Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'] });
    const account = await conn.sobject('Account').describe();
    expect(account.childRelationships.map((child) => child.relationshipName)).toContain('Vehicles__r');
    expect(account.fields.find((field) => field.name === 'Fleet_Region__c')).toMatchObject({
      type: 'string',
      custom: true,
      length: 40,
    });
  });

  it('writes, upserts and queries the records through jsforce', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Fleet Owner', Fleet_Region__c: 'Nordics' });
    const created = await conn
      .sobject('Vehicle__c')
      .create({ Name: 'Van 1', VIN__c: '1HGCM82633A004352', Purchase_Price__c: 31999.999, Account__c: account.id });
    expect(String(created.id)).toMatch(/^a02\w{15}$/);
    const upserted = await conn
      .sobject('Vehicle__c')
      .upsert({ VIN__c: '1HGCM82633A004352', Status__c: 'Retired', Electric__c: true }, 'VIN__c');
    expect(upserted).toMatchObject({ success: true, created: false });
    const result = await conn.query<Row>(
      `SELECT Fleet_Region__c, (SELECT Name, Purchase_Price__c, Status__c, Electric__c FROM Vehicles__r) FROM Account WHERE Id = '${account.id}'`,
    );
    expect(result.records[0]?.Fleet_Region__c).toBe('Nordics');
    const vehicles = (result.records[0]?.Vehicles__r as { records: Row[] } | undefined)?.records ?? [];
    expect(vehicles.map(({ attributes: _, ...rest }) => rest)).toEqual([
      { Name: 'Van 1', Purchase_Price__c: 32000, Status__c: 'Retired', Electric__c: true },
    ]);
    const refused = await rejection(conn.sobject('Vehicle__c').create({ VIN__c: 'X', Status__c: 'Crashed' }));
    expect(refused.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });
});

describe('finding and refusing SFDX sources', () => {
  it('finds objects folders through sfdx-project.json, or below any folder', () => {
    const objects = join(FLEET, 'force-app', 'main', 'default');
    expect(sfdxSourceDirs(FLEET)).toEqual([objects]);
    expect(sfdxSourceDirs(join(FLEET, 'force-app'))).toEqual([objects]);
  });

  it('refuses a missing folder, a folder without objects, and an object Attain already defines', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'no error';
    };
    expect(code(() => sfdxSourceDirs(join(scratch, 'nope')))).toBe('SFDX_MISSING_DIRECTORY');
    expect(code(() => sfdxSourceDirs(scratch))).toBe('SFDX_MISSING_DIRECTORY');
    const broken = join(scratch, 'broken');
    cpSync(FLEET, broken, { recursive: true });
    writeFileSync(join(broken, 'sfdx-project.json'), '{ "packageDirectories": [');
    expect(code(() => sfdxSourceDirs(broken))).toBe('SFDX_INVALID_PROJECT');
    const clash = join(scratch, 'clash');
    cpSync(FLEET, clash, { recursive: true });
    const objectsDir = join(clash, 'force-app/main/default/objects');
    renameSync(join(objectsDir, 'Vehicle__c'), join(objectsDir, 'Commission__c'));
    renameSync(
      join(objectsDir, 'Commission__c/Vehicle__c.object-meta.xml'),
      join(objectsDir, 'Commission__c/Commission__c.object-meta.xml'),
    );
    expect(code(() => SchemaRegistry.load({ sfdxProjects: [clash] }))).toBe('SFDX_DUPLICATE_OBJECT');
  });
});
