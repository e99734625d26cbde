/**
 * The SOAP partner API's `login` and `logout` calls (`POST /services/Soap/u/{version}`), which is
 * what jsforce's `conn.login(username, password)` uses when no OAuth client secret is configured.
 * Only these two calls of the SOAP API are emulated; anything else gets a SOAP fault.
 */
import express, { type Response, Router } from 'express';
import type { SObjectRecord } from '../schema/types.js';
import type { OrgStore } from '../store/org-store.js';
import type { SessionStore } from './sessions.js';
import { findActiveUser, userById } from './users.js';

export interface SoapLoginDeps {
  store: OrgStore;
  sessions: SessionStore;
  baseUrl(): string;
  clientId: string;
  userPassword: string;
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

function fault(res: Response, code: string, message: string): void {
  res
    .status(500)
    .type('text/xml')
    .send(
      `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring></soapenv:Fault>${ENVELOPE_CLOSE}`,
    );
}

function loginResult(deps: SoapLoginDeps, version: string, user: SObjectRecord, sessionId: string): string {
  const base = deps.baseUrl();
  const orgId = deps.store.org.id;
  const text = (value: unknown) => escapeXml(typeof value === 'string' ? value : '');
  return [
    '<loginResponse><result>',
    `<metadataServerUrl>${base}/services/Soap/m/${version}/${orgId}</metadataServerUrl>`,
    '<passwordExpired>false</passwordExpired><sandbox>false</sandbox>',
    `<serverUrl>${base}/services/Soap/u/${version}/${orgId}</serverUrl>`,
    `<sessionId>${escapeXml(sessionId)}</sessionId>`,
    `<userId>${user.Id}</userId>`,
    '<userInfo>',
    `<currencySymbol>$</currencySymbol><orgDefaultCurrencyIsoCode>${text(deps.store.org.currency)}</orgDefaultCurrencyIsoCode>`,
    `<organizationId>${orgId}</organizationId><organizationMultiCurrency>true</organizationMultiCurrency>`,
    `<organizationName>${text(deps.store.org.name)}</organizationName>`,
    `<profileId>${text(user.ProfileId)}</profileId>`,
    `<sessionSecondsValid>${Math.floor(deps.sessions.sessionTimeoutMs / 1000)}</sessionSecondsValid>`,
    `<userEmail>${text(user.Email)}</userEmail><userFullName>${text(user.Name)}</userFullName>`,
    `<userId>${user.Id}</userId><userName>${text(user.Username)}</userName>`,
    `<userTimeZone>${text(user.TimeZoneSidKey)}</userTimeZone><userType>Standard</userType>`,
    '</userInfo></result></loginResponse>',
  ].join('');
}

export function soapLoginRouter(deps: SoapLoginDeps): Router {
  const router = Router();
  const xml = express.text({ type: ['text/xml', 'application/soap+xml', 'application/xml'], limit: '1mb' });

  router.post(['/services/Soap/u/:version', '/services/Soap/u/:version/:orgId'], xml, (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const version = String(req.params.version);
    if (/<(?:\w+:)?login[\s>]/.test(body)) {
      const user = findActiveUser(deps.store, element(body, 'username') ?? '');
      if (!user || element(body, 'password') !== deps.userPassword) {
        fault(res, 'INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
        return;
      }
      const session = deps.sessions.issue(user.Id, deps.clientId, 'api');
      res
        .status(200)
        .type('text/xml')
        .send(`${ENVELOPE_OPEN}${loginResult(deps, version, user, session.accessToken)}${ENVELOPE_CLOSE}`);
      return;
    }
    if (/<(?:\w+:)?logout[\s/>]/.test(body)) {
      const sessionId = element(body, 'sessionId') ?? '';
      const session = deps.sessions.find(sessionId);
      if (!session || !userById(deps.store, session.userId)) {
        fault(res, 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
        return;
      }
      deps.sessions.revoke(sessionId);
      res.status(200).type('text/xml').send(`${ENVELOPE_OPEN}<logoutResponse/>${ENVELOPE_CLOSE}`);
      return;
    }
    fault(res, 'UNSUPPORTED_API_VERSION', 'the emulator implements only the login and logout SOAP calls');
  });
  return router;
}
