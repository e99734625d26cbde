/**
 * The keys the API verifies the org's tokens with, read from its configuration: the public key of
 * the org's token-signing certificate (Setup > Certificate and Key Management), as PEM blocks in
 * `ATTAIN_TOKEN_PUBLIC_KEYS` and/or as a JWKS (`ATTAIN_TOKEN_JWKS`, a file or an https URL) whose
 * keys carry `kid` = the certificate's Unique Name. Only RSA keys of at least 2048 bits are taken
 * (RS256). Every problem is a sentence that says what to paste or fix.
 */
import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ConfigProblem, ConfigProblemCode } from '@attain/store';
import type { JSONWebKeySet } from 'jose';

/** Where the API finds its verification keys. */
export interface TokenKeys {
  /** `ATTAIN_TOKEN_PUBLIC_KEYS`: each is tried in turn (two while a certificate is rotated). */
  publicKeys: KeyObject[];
  /** `ATTAIN_TOKEN_JWKS`: the set read from a file, or the https URL serving it; keys are picked by `kid`. */
  jwks: JSONWebKeySet | URL | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MIN_MODULUS_BITS = 2048;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const WHAT_TO_PASTE =
  'paste the certificate downloaded from Setup > Certificate and Key Management ' +
  '(-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----) or its public key (-----BEGIN PUBLIC KEY-----)';

function rsaProblem(key: KeyObject): string | null {
  if (key.asymmetricKeyType !== 'rsa') {
    return `is not an RSA key (${key.asymmetricKeyType ?? 'unknown'}); tokens are RS256 and need an RSA key`;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  return bits < MIN_MODULUS_BITS ? `is a ${bits}-bit RSA key; use one of at least ${MIN_MODULUS_BITS} bits` : null;
}

/** `ATTAIN_TOKEN_PUBLIC_KEYS`: one or more PEM blocks, concatenated (`\n` written as two characters works too). */
export function parsePublicKeys(text: string): Parsed<KeyObject[]> {
  const pem = text.includes('-----BEGIN') && !text.includes('\n') ? text.replace(/\\n/g, '\n') : text;
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) return { ok: false, message: `holds no PEM block: ${WHAT_TO_PASTE}` };
  const keys: KeyObject[] = [];
  for (const [index, block] of blocks.entries()) {
    const [whole, label] = block as unknown as [string, string];
    const which = blocks.length === 1 ? 'the PEM block' : `PEM block ${index + 1} (${label})`;
    if (label.includes('PRIVATE')) {
      return { ok: false, message: `${which} is a private key: never give the API a private key; ${WHAT_TO_PASTE}` };
    }
    if (label !== 'CERTIFICATE' && label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') {
      return { ok: false, message: `${which} is not a certificate or a public key: ${WHAT_TO_PASTE}` };
    }
    let key: KeyObject;
    try {
      key = label === 'CERTIFICATE' ? new X509Certificate(whole).publicKey : createPublicKey(whole);
    } catch {
      return { ok: false, message: `${which} does not parse (cut short or changed while copying?): ${WHAT_TO_PASTE}` };
    }
    const problem = rsaProblem(key);
    if (problem) return { ok: false, message: `${which} ${problem}` };
    keys.push(key);
  }
  return { ok: true, value: keys };
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Checks a JWKS document: RSA keys, each with a `kid`. */
export function checkJwks(document: unknown): Parsed<JSONWebKeySet> {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    return { ok: false, message: 'is not a JWKS: expected {"keys": [ … ]} with at least one key' };
  }
  for (const [index, jwk] of keys.entries()) {
    const kid = (jwk as { kid?: unknown })?.kid;
    if (typeof kid !== 'string' || kid === '') {
      return { ok: false, message: `key ${index + 1} has no "kid": set it to the certificate's Unique Name` };
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as never, format: 'jwk' });
    } catch {
      return { ok: false, message: `key "${kid}" is not a valid public JWK` };
    }
    const problem = rsaProblem(key);
    if (problem) return { ok: false, message: `key "${kid}" ${problem}` };
    const alg = (jwk as { alg?: unknown }).alg;
    if (alg !== undefined && alg !== 'RS256')
      return { ok: false, message: `key "${kid}" has "alg": ${JSON.stringify(alg)}; use "RS256" or leave it out` };
  }
  return { ok: true, value: document as JSONWebKeySet };
}

/** `ATTAIN_TOKEN_JWKS`: an https URL (plain http to loopback only), or the path of a JWKS file read now. */
export function parseJwksLocation(location: string): Parsed<JSONWebKeySet | URL> {
  const text = location.trim();
  if (/^[a-z]+:\/\//i.test(text)) {
    if (!URL.canParse(text)) return { ok: false, message: 'is not a valid URL' };
    const url = new URL(text);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) return { ok: true, value: url };
    return { ok: false, message: 'must be an https:// URL (or the path of a JWKS file)' };
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(text, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message:
        code === 'ENOENT'
          ? `names no file (${text}): give the path of a JWKS file or an https:// URL`
          : code
            ? `cannot be read (${code})`
            : 'is not JSON: expected a JWKS, {"keys": [ … ]}',
    };
  }
  return checkJwks(document);
}

export type TokenKeysResult = { ok: true; keys: TokenKeys } | { ok: false; problems: ConfigProblem[] };

const PLACEHOLDER = /^REPLACE_WITH_/;

/**
 * The verification keys from the environment: `ATTAIN_TOKEN_PUBLIC_KEYS` and/or `ATTAIN_TOKEN_JWKS`
 * (at least one). `ATTAIN_TOKEN_SECRET`, the shared secret of the HS256 tokens before issue 16, is
 * refused when still set, so an upgrade cannot silently keep expecting the old tokens.
 */
export function loadTokenKeys(env: Record<string, string | undefined>): TokenKeysResult {
  const problems: ConfigProblem[] = [];
  const problem = (variable: string, message: string, code = 'custom') =>
    problems.push({ code, path: [variable], message });
  if (env.ATTAIN_TOKEN_SECRET !== undefined) {
    problem(
      'ATTAIN_TOKEN_SECRET',
      'is no longer used: the org signs tokens with a certificate (RS256). Remove it and set ' +
        'ATTAIN_TOKEN_PUBLIC_KEYS to the certificate (see salesforce/README.md, "The signing certificate")',
    );
  }
  let publicKeys: KeyObject[] = [];
  let jwks: TokenKeys['jwks'] = null;
  const pem = env.ATTAIN_TOKEN_PUBLIC_KEYS;
  const location = env.ATTAIN_TOKEN_JWKS;
  if (pem === undefined && location === undefined) {
    problem(
      'ATTAIN_TOKEN_PUBLIC_KEYS',
      `required (or ATTAIN_TOKEN_JWKS): ${WHAT_TO_PASTE}`,
      ConfigProblemCode.missingVariable,
    );
  }
  if (pem !== undefined) {
    const parsed = PLACEHOLDER.test(pem.trim())
      ? ({ ok: false, message: `is still the placeholder: ${WHAT_TO_PASTE}` } as const)
      : parsePublicKeys(pem);
    if (parsed.ok) publicKeys = parsed.value;
    else problem('ATTAIN_TOKEN_PUBLIC_KEYS', parsed.message);
  }
  if (location !== undefined) {
    const parsed = parseJwksLocation(location);
    if (parsed.ok) jwks = parsed.value;
    else problem('ATTAIN_TOKEN_JWKS', parsed.message);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, keys: { publicKeys, jwks } };
}
