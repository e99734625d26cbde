/**
 * `/__emulator/*` must not be reachable from a web page in a browser on the same machine (issue 16,
 * item 6). These requests are shaped like the ones a browser sends for a page on another site: a
 * form POST with no custom header, a CORS preflight, a fetch carrying a foreign Origin, and a
 * DNS-rebinding request whose Host is the attacker's name.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { admin, startEmulator } from './emulator-fixture.js';

/** node:http, because fetch does not let a caller choose the Host header. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the emulator admin endpoints refuse browser cross-site requests', () => {
  let emulator: Emulator;
  const accounts = () => emulator.store.count('Account');

  beforeAll(async () => {
    emulator = await startEmulator({ opportunities: 20 });
  });
  afterAll(() => emulator.close());

  it('refuses a cross-site form POST (no X-Attain-Emulator header) to reset, and changes nothing', async () => {
    emulator.faults.update({ latencyMs: 7 });
    const response = await fetch(`${emulator.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'x=1',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
    expect(emulator.faults.settings.latencyMs).toBe(7);
    emulator.faults.update({ latencyMs: 0 });
  });

  it('refuses a same-machine request without the header, even with no Origin', async () => {
    const response = await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain('X-Attain-Emulator: 1');
  });

  it('answers a CORS preflight with 403 and no Access-Control-Allow-* header', async () => {
    const response = await fetch(`${emulator.url}/__emulator/reset`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-attain-emulator',
      },
    });
    expect(response.status).toBe(403);
    const allowing = [...response.headers.keys()].filter((name) => name.startsWith('access-control-allow'));
    expect(allowing).toEqual([]);
  });

  it('refuses a request with the header but a foreign Origin', async () => {
    const response = await fetch(`${emulator.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'x-attain-emulator': '1', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it('refuses a DNS-rebinding request (Host is not a loopback name), header or not', async () => {
    const response = await rawRequest(`${emulator.url}/__emulator`, 'GET', {
      host: 'evil.example:80',
      'x-attain-emulator': '1',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'FORBIDDEN' });
  });

  it('accepts the header from a script or test, with or without the emulator’s own Origin', async () => {
    const before = accounts();
    const plain = await admin(emulator, '/reset', 'POST');
    expect(plain.status).toBe(200);
    expect(accounts()).toBe(before);

    const sameOrigin = await fetch(`${emulator.url}/__emulator`, {
      headers: { 'x-attain-emulator': '1', origin: emulator.url },
    });
    expect(sameOrigin.status).toBe(200);
    expect(await sameOrigin.json()).toMatchObject({ url: emulator.url });

    const viaLocalhost = await rawRequest(`${emulator.url}/__emulator/stats`, 'GET', {
      host: `localhost:${new URL(emulator.url).port}`,
      'x-attain-emulator': '1',
    });
    expect(viaLocalhost.status).toBe(200);
  });
});
