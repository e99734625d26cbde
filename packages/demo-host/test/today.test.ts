/**
 * The pages follow the org's business date (the emulator's `today`, handed over by `extraRoutes`):
 * the widget is told it, and the rep persona is the one with open deals in that quarter.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { createLightning, type Lightning } from '../src/index.js';

const OPTIONS = {
  tokenCertificate: {
    name: 'Attain_Token_Signing',
    privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
  },
  apiUrl: () => 'http://127.0.0.1:1',
  widgetBundle: '/nonexistent.js',
};
let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('the Lightning-like pages on an org seeded with an explicit today', () => {
  it("tell the widget the org's today and pick the rep by that quarter", async () => {
    let lightning: Lightning | undefined;
    emulator = await createEmulator({
      opportunities: 150,
      onError: () => {},
      today: new Date('2026-01-06T12:00:00.000Z'),
      extraRoutes: (host) => {
        lightning = createLightning({ ...host, options: OPTIONS });
        return lightning.router;
      },
    });
    const page = await (await fetch(`${emulator.url}/lightning/n/Attain_Earnings`)).text();
    expect(page).toContain('data-today="2026-01-06"');
    const rep = lightning?.personas().find((persona) => persona.role === 'rep');
    expect(rep).toBeDefined();
    const conn = new jsforce.Connection({
      oauth2: { clientId: 'attain-local', clientSecret: 'attain-local-secret', loginUrl: emulator.url },
      version: '62.0',
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    const open = await conn.query<{ OwnerId: string }>(
      'SELECT OwnerId FROM Opportunity WHERE IsClosed = false AND CloseDate >= 2026-01-01 AND CloseDate <= 2026-03-31',
    );
    expect(open.records.some((row) => row.OwnerId === rep?.id)).toBe(true);
  });
});
