/**
 * The emulator's `today` option: the org is generated around it (not around the clock), reseeding
 * keeps it (the demo's pages read it through `extraRoutes`: packages/demo-host/test), while record timestamps still follow the clock (`now`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/index.js';
import { connect, startEmulator } from '../emulator-fixture.js';

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('an emulator seeded with an explicit today', () => {
  it('builds the org around that date whatever the clock says, and keeps it on reseed', async () => {
    emulator = await startEmulator({ opportunities: 80, today: new Date('2026-01-06T12:00:00.000Z') });
    const seededYears = async (org: Emulator) => {
      const conn = await connect(org);
      const years = await conn.query<{ StartDate: string }>(
        "SELECT StartDate FROM Period WHERE Type = 'Year' ORDER BY StartDate",
      );
      const latest = await conn.query<{ CloseDate: string }>(
        'SELECT CloseDate FROM Opportunity ORDER BY CloseDate DESC LIMIT 1',
      );
      return {
        years: years.records.map((row) => row.StartDate),
        latestClose: latest.records[0]?.CloseDate.slice(0, 4),
      };
    };
    const expected = { years: ['2025-01-01', '2026-01-01'], latestClose: '2026' };
    expect(await seededYears(emulator)).toEqual(expected);
    emulator.reseed(2, 90);
    expect(await seededYears(emulator)).toEqual(expected);
  });

  it('stamps changes with the clock, after every seeded stamp', async () => {
    emulator = await startEmulator({ opportunities: 40, today: new Date('2026-01-06T12:00:00.000Z') });
    const conn = await connect(emulator);
    const [deal] = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity LIMIT 1')).records;
    await conn.sobject('Opportunity').update({ Id: deal!.Id, Name: 'Renamed' });
    const [row] = (
      await conn.query<{ SystemModstamp: string }>(`SELECT SystemModstamp FROM Opportunity WHERE Id = '${deal!.Id}'`)
    ).records;
    expect(Date.parse(row!.SystemModstamp.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse('2026-01-06T12:00:00Z'));
  });
});
