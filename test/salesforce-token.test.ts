/**
 * Static checks of the token service (AttainTokenService.cls and its Apex test) and a unit test of the
 * Lightning Web Security detection the LWC host runs before loading the widget. No org is involved:
 * the Apex checks are regular expressions over the source, not an execution (the Apex tests run in an
 * org: `sf apex run test --class-names AttainTokenServiceTest`); lightningSecurity.js has no platform
 * imports, so it runs here as in the browser.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canDefineCustomElements,
  isLockerWindow,
  LWS_REQUIRED,
  lightningWebSecurityProblem,
} from '../salesforce/force-app/main/default/lwc/attainHost/lightningSecurity.js';
import { at, fieldFile, files, list, read, rel, text, valueText } from './support/salesforce-source.js';

describe('AttainTokenService (RS256, signed by an org certificate)', () => {
  // Static checks: these read AttainTokenService.cls and don't run it. Its behaviour is covered by
  // AttainTokenServiceTest, which runs in an org.
  it('AttainTokenService signs RS256 tokens with an org certificate, for audience "attain", living at most 600 seconds', () => {
    const apex = text(at('classes/AttainTokenService.cls'));
    expect(apex).toMatch(/@AuraEnabled\(cacheable=false\)\s+public static TokenResponse mintToken\(\)/);
    // The private key stays in the org: the certificate signs, by its Unique Name.
    expect(apex).toMatch(/static final String SIGNING_ALGORITHM = 'RSA-SHA256';/);
    expect(apex).toMatch(/static final String JWT_ALGORITHM = 'RS256';/);
    expect(apex).toMatch(
      /Crypto\.signWithCertificate\(SIGNING_ALGORITHM, Blob\.valueOf\(signingInput\), certificateName\)/,
    );
    expect(apex).toMatch(/static Signer signer = new CertificateSigner\(\);/);
    expect(apex).not.toMatch(/generateMac|HmacSHA256|HS256/);
    // Header: alg, typ and kid (the certificate name), in that order.
    const headerFields = [...apex.matchAll(/writeStringField\('(alg|typ|kid)'/g)].map((match) => match[1]);
    expect(headerFields).toEqual(['alg', 'typ', 'kid']);
    expect(apex).toMatch(/writeStringField\('alg', JWT_ALGORITHM\)/);
    expect(apex).toMatch(/writeStringField\('typ', 'JWT'\)/);
    expect(apex).toMatch(/writeStringField\('kid', certificateName\)/);
    expect(apex).toMatch(/sign\(claims\(issuedAt, expiresAt\), setting\.Certificate_Name__c\.trim\(\)\)/);
    expect(apex).toMatch(/static final String AUDIENCE = 'attain';/);
    expect(apex).toMatch(/writeStringField\('aud', AUDIENCE\)/);
    expect(apex).toMatch(/writeStringField\('sub', String\.valueOf\(\(Id\) UserInfo\.getUserId\(\)\)\)/);
    expect(apex).toMatch(/writeStringField\('org', String\.valueOf\(\(Id\) UserInfo\.getOrganizationId\(\)\)\)/);
    expect(apex).toMatch(/Long issuedAt = Datetime\.now\(\)\.getTime\(\) \/ 1000;/);
    expect(apex).toMatch(/Long expiresAt = issuedAt \+ TOKEN_LIFETIME_SECONDS;/);
    expect(apex).toMatch(/writeNumberField\('iat', issuedAt\)/);
    expect(apex).toMatch(/writeNumberField\('exp', expiresAt\)/);
    expect(apex).toMatch(/writeStringField\('jti', /);
    const lifetime = Number(apex.match(/static final Integer TOKEN_LIFETIME_SECONDS = (\d+);/)?.[1]);
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(600);
    // The claims are exactly sub, org, aud, iat, exp, jti: no roles.
    const claimsBody = apex.slice(apex.indexOf('static String claims('), apex.indexOf('static String sign('));
    const claimNames = [...claimsBody.matchAll(/write(?:String|Number|Boolean)Field\('(\w+)'/g)].map(
      (match) => match[1],
    );
    expect(claimNames.sort()).toEqual(['aud', 'exp', 'iat', 'jti', 'org', 'sub']);
    expect(apex).toMatch(/\.replace\('\+', '-'\)\.replace\('\/', '_'\)\.replace\('=', ''\)/);
  });

  it('AttainTokenService refuses the placeholder certificate name the package ships with, and a certificate that cannot sign', () => {
    const apex = text(at('classes/AttainTokenService.cls'));
    const prefix = apex.match(/static final String PLACEHOLDER_PREFIX = '(\w+)';/)?.[1];
    expect(prefix).toBe('REPLACE_WITH_');
    expect(apex).toMatch(/certificateName\.startsWith\(PLACEHOLDER_PREFIX\)/);
    expect(apex).toMatch(/static final String SUGGESTED_CERTIFICATE_NAME = 'Attain_Token_Signing';/);
    expect(apex).toMatch(/CERTIFICATE_SETUP = 'Setup > Certificate and Key Management';/);
    expect(apex).toContain("'Attain is not set up yet. Ask your Salesforce admin to create a certificate named '");
    expect(apex).toContain("', then set Attain Setting > Certificate Name ('");
    // signWithCertificate throws when the certificate is missing: that becomes the same kind of advice.
    expect(apex).toMatch(
      /signature = signer\.sign\(signingInput, certificateName\);\s*\} catch \(Exception error\) \{/,
    );
    expect(apex).toContain("'Attain could not sign with the certificate \"'");
    const record = read(at('customMetadata/Attain_Setting.Default.md-meta.xml'));
    for (const value of list(record, 'values')) expect(valueText(value.value).startsWith(prefix!)).toBe(true);
  });

  it('AttainTokenServiceTest covers the signing path, the real certificate signer and the placeholder refusal', () => {
    const apex = text(at('classes/AttainTokenServiceTest.cls'));
    const tests = [...apex.matchAll(/@IsTest\s+static void (\w+)\(\)/g)].map((match) => match[1]);
    expect(tests).toEqual(
      expect.arrayContaining([
        'mintsAnRs256TokenWithTheAgreedHeaderAndClaims',
        'signatureVerifiesWithTheMatchingPublicKeyOnly',
        'headerIsExactlyAlgTypKid',
        'refusesACertificateTheOrgDoesNotHave',
        'refusesThePlaceholderCertificateName',
        'signsWithTheDeployedCertificate',
      ]),
    );
    expect(apex).toMatch(/class TestKeySigner implements AttainTokenService\.Signer/);
    expect(apex).toMatch(/Crypto\.sign\('RSA-SHA256', Blob\.valueOf\(signingInput\), TEST_PRIVATE_KEY\)/);
    expect(apex).toMatch(/Crypto\.verify\('RSA-SHA256', signingInput, signature, TEST_PUBLIC_KEY\)/);
    // The real-certificate test must not swap the signer out.
    const realPath = apex.slice(apex.indexOf('void refusesACertificateTheOrgDoesNotHave'));
    expect(realPath.slice(0, realPath.indexOf('@IsTest'))).not.toContain('configureWithTestKey');
  });

  it("AttainTokenServiceTest's key pair matches, so its signature checks can pass only for the right key", () => {
    const apex = text(at('classes/AttainTokenServiceTest.cls'));
    const blob = (name: string) => {
      const body = apex.match(new RegExp(`Blob ${name} = EncodingUtil\\.base64Decode\\(([\\s\\S]*?)\\);`))?.[1];
      expect(body, name).toBeDefined();
      return Buffer.from([...body!.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((match) => match[1]).join(''), 'base64');
    };
    const privateKey = createPrivateKey({ key: blob('TEST_PRIVATE_KEY'), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: blob('TEST_PUBLIC_KEY'), format: 'der', type: 'spki' });
    const otherKey = createPublicKey({ key: blob('OTHER_PUBLIC_KEY'), format: 'der', type: 'spki' });
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const input = Buffer.from('eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhdHRhaW4ifQ');
    const signature = sign('sha256', input, privateKey);
    expect(signature).toHaveLength(256);
    expect(verify('sha256', input, publicKey, signature)).toBe(true);
    expect(verify('sha256', input, otherKey, signature)).toBe(false);
  });

  it('no signing secret is left anywhere in the package', () => {
    for (const file of files) {
      expect(text(file), rel(file)).not.toMatch(/Signing_Secret__c|REPLACE_WITH_SHARED_SECRET|HmacSHA256/);
    }
    expect(existsSync(fieldFile('Attain_Setting__mdt', 'Signing_Secret__c'))).toBe(false);
  });
});

// lwc/attainHost/lightningSecurity.js has no platform imports, so it runs here as it does in the browser.
describe('Lightning Web Security detection (lwc/attainHost/lightningSecurity.js)', () => {
  const registry = { define: () => {}, get: () => undefined };
  /** What a component sees as `window` under Lightning Locker: a SecureWindow. */
  const secureWindow = (customElements?: unknown) => ({
    customElements,
    toString: () => 'SecureWindow: [object Window]{ key: {"namespace":"c"} }',
  });

  it('accepts a plain window (LWS) with a working customElements registry', () => {
    const lwsWindow = { customElements: registry, toString: () => '[object Window]' };
    expect(isLockerWindow(lwsWindow)).toBe(false);
    expect(canDefineCustomElements(lwsWindow)).toBe(true);
    expect(lightningWebSecurityProblem(lwsWindow)).toBeUndefined();
    expect(lightningWebSecurityProblem(globalThis)).toBe(
      typeof globalThis.customElements === 'undefined' ? LWS_REQUIRED : undefined,
    );
  });

  it('refuses Locker: a SecureWindow without customElements, or with a wrapped one', () => {
    expect(lightningWebSecurityProblem(secureWindow())).toBe(LWS_REQUIRED);
    expect(lightningWebSecurityProblem(secureWindow(registry))).toBe(LWS_REQUIRED);
  });

  it('refuses a window whose customElements is missing, unusable or forbidden', () => {
    expect(lightningWebSecurityProblem({})).toBe(LWS_REQUIRED);
    expect(lightningWebSecurityProblem({ customElements: { get: () => undefined } })).toBe(LWS_REQUIRED);
    const forbidding = Object.defineProperty({}, 'customElements', {
      get() {
        throw new Error('Access denied');
      },
    });
    expect(lightningWebSecurityProblem(forbidding)).toBe(LWS_REQUIRED);
    expect(lightningWebSecurityProblem(undefined)).toBe(LWS_REQUIRED);
  });

  it('tells the user what the admin has to switch on, and where', () => {
    expect(LWS_REQUIRED).toContain('Lightning Web Security');
    expect(LWS_REQUIRED).toContain('Use Lightning Web Security for Lightning web components');
    expect(LWS_REQUIRED).toContain('Setup > Session Settings');
    expect(LWS_REQUIRED).not.toMatch(/static resource/);
  });
});
