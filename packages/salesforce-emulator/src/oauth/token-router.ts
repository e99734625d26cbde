/**
 * Salesforce's login surface: `POST /services/oauth2/token` (client credentials, JWT bearer,
 * username-password, authorization code and refresh token grants), `GET /services/oauth2/authorize`
 * (auto-approving: there is no login page, the user is `login_hint` or the integration user),
 * `/services/oauth2/revoke`, `/services/oauth2/userinfo` and the Identity URL `/id/{org}/{user}`.
 * None of these count as API calls, as in Salesforce.
 */

import type { KeyObject } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { RequestStats } from '../rest/request-stats.js';
import type { SObjectRecord } from '../schema/types.js';
import type { OrgStore } from '../store/org-store.js';
import { canonicalId } from '../store/record-id.js';
import { type IdentityContext, identityDocument, identityUrl, userInfoDocument } from './identity.js';
import { verifyJwt } from './jwt.js';
import { type Session, type SessionStore, tokenSignature } from './sessions.js';
import { findActiveUser, userById } from './users.js';

export interface OAuthDeps {
  store: OrgStore;
  sessions: SessionStore;
  stats: RequestStats;
  baseUrl(): string;
  clientId: string;
  clientSecret: string;
  /** Public key of the certificate registered for the JWT bearer flow, if any. */
  jwtKey: KeyObject | undefined;
  /** The password every active user logs in with (username-password flow, SOAP login). */
  userPassword: string;
  integrationUser(): SObjectRecord | undefined;
  latestApiVersion: string;
  now(): number;
}

/** Salesforce's `{ error, error_description }` token-endpoint failures. */
const TokenError = {
  unsupportedGrant: ['unsupported_grant_type', 'grant type not supported'],
  invalidClientId: ['invalid_client_id', 'client identifier invalid'],
  invalidClient: ['invalid_client', 'invalid client credentials'],
  authenticationFailure: ['invalid_grant', 'authentication failure'],
  expiredRefresh: ['invalid_grant', 'expired access/refresh token'],
  invalidCode: ['invalid_grant', 'invalid authorization code'],
  redirectMismatch: ['redirect_uri_mismatch', 'redirect_uri must match configuration'],
  invalidAssertion: ['invalid_grant', 'invalid assertion'],
  audience: ['invalid_grant', 'audience is invalid'],
  expiredAssertion: ['invalid_grant', 'expired authorization code'],
  unknownUser: ['invalid_grant', "user hasn't approved this consumer"],
  noJwtCertificate: ['invalid_grant', 'invalid assertion'],
} as const;
type TokenErrorKind = keyof typeof TokenError;

/** The audiences a JWT assertion may name: this server (the login URL) or Salesforce's login hosts. */
function validAudiences(baseUrl: string): Set<string> {
  return new Set([baseUrl, `${baseUrl}/`, 'https://login.salesforce.com', 'https://test.salesforce.com']);
}

export function oauthRouter(deps: OAuthDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '1mb' });

  const identityContext = (): IdentityContext => ({
    baseUrl: deps.baseUrl(),
    orgId: deps.store.org.id,
    apiVersion: deps.latestApiVersion,
  });

  const fail = (res: Response, kind: TokenErrorKind) => {
    const [error, description] = TokenError[kind];
    res.status(400).json({ error, error_description: description });
  };

  const succeed = (res: Response, session: Session, refreshToken?: string) => {
    const id = identityUrl(identityContext(), session.userId);
    const issuedAt = String(session.issuedAt);
    res.status(200).json({
      access_token: session.accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: tokenSignature(deps.clientSecret, id, issuedAt),
      scope: session.scope,
      instance_url: deps.baseUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
  };

  /** client_id/client_secret from the form, or HTTP Basic as Salesforce also accepts. */
  const clientOf = (req: Request): { id: string | undefined; secret: string | undefined } => {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      return { id: id && decodeURIComponent(id), secret: secret && decodeURIComponent(secret) };
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    return {
      id: typeof body.client_id === 'string' ? body.client_id : undefined,
      secret: typeof body.client_secret === 'string' ? body.client_secret : undefined,
    };
  };

  router.post('/services/oauth2/token', form, (req, res) => {
    deps.stats.countToken();
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const client = clientOf(req);
    const grant = body.grant_type;
    const checkClient = (secretRequired: boolean): TokenErrorKind | undefined => {
      if (client.id !== deps.clientId) return 'invalidClientId';
      if (secretRequired && client.secret !== deps.clientSecret) return 'invalidClient';
      if (!secretRequired && client.secret !== undefined && client.secret !== deps.clientSecret) return 'invalidClient';
      return undefined;
    };
    switch (grant) {
      case 'client_credentials': {
        const problem = checkClient(true);
        if (problem) return fail(res, problem);
        const user = deps.integrationUser();
        if (!user) return fail(res, 'authenticationFailure');
        return succeed(res, deps.sessions.issue(user.Id, client.id as string, 'api'));
      }
      case 'password': {
        const problem = checkClient(true);
        if (problem) return fail(res, problem);
        const user = findActiveUser(deps.store, body.username ?? '');
        if (!user || body.password !== deps.userPassword) return fail(res, 'authenticationFailure');
        return succeed(res, deps.sessions.issue(user.Id, deps.clientId, 'api'));
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        return jwtBearer(body.assertion ?? '', res);
      case 'authorization_code': {
        const problem = checkClient(true);
        if (problem) return fail(res, problem);
        const code = deps.sessions.redeemCode(body.code ?? '');
        if (!code) return fail(res, 'invalidCode');
        if (code.redirectUri !== (body.redirect_uri ?? '')) return fail(res, 'redirectMismatch');
        const session = deps.sessions.issue(code.userId, code.clientId, code.scope);
        const refresh = code.scope.split(' ').includes('refresh_token')
          ? deps.sessions.issueRefreshToken({ userId: code.userId, clientId: code.clientId, scope: code.scope })
          : undefined;
        return succeed(res, session, refresh);
      }
      case 'refresh_token': {
        const problem = checkClient(false);
        if (problem) return fail(res, problem);
        const grantInfo = deps.sessions.findRefreshToken(body.refresh_token ?? '');
        if (!grantInfo || !userById(deps.store, grantInfo.userId)) return fail(res, 'expiredRefresh');
        return succeed(res, deps.sessions.issue(grantInfo.userId, grantInfo.clientId, grantInfo.scope));
      }
      default:
        return fail(res, 'unsupportedGrant');
    }
  });

  function jwtBearer(assertion: string, res: Response) {
    if (!deps.jwtKey) return fail(res, 'noJwtCertificate');
    const verified = verifyJwt(assertion, deps.jwtKey);
    if ('problem' in verified) return fail(res, 'invalidAssertion');
    const { iss, sub, aud, exp } = verified.claims;
    if (iss !== deps.clientId) return fail(res, 'invalidClientId');
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.some((entry) => typeof entry === 'string' && validAudiences(deps.baseUrl()).has(entry))) {
      return fail(res, 'audience');
    }
    // Salesforce allows up to three minutes of clock skew past `exp`.
    if (typeof exp !== 'number' || exp * 1000 + 3 * 60_000 < deps.now()) return fail(res, 'expiredAssertion');
    const user = typeof sub === 'string' ? findActiveUser(deps.store, sub) : undefined;
    if (!user) return fail(res, 'unknownUser');
    return succeed(res, deps.sessions.issue(user.Id, deps.clientId, 'api'));
  }

  router.get('/services/oauth2/authorize', (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    if (query.client_id !== deps.clientId) {
      res.status(400).json({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
      return;
    }
    if (query.response_type !== 'code' || !query.redirect_uri) {
      res.status(400).json({ error: 'unsupported_response_type', error_description: 'response type not supported' });
      return;
    }
    const user = query.login_hint ? findActiveUser(deps.store, query.login_hint) : deps.integrationUser();
    const target = new URL(query.redirect_uri);
    if (!user) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'end-user denied authorization');
    } else {
      const scope = query.scope ?? 'api refresh_token';
      const code = deps.sessions.issueCode({
        userId: user.Id,
        clientId: deps.clientId,
        scope,
        redirectUri: query.redirect_uri,
      });
      target.searchParams.set('code', code);
    }
    if (query.state) target.searchParams.set('state', query.state);
    res.redirect(302, target.toString());
  });

  const revoke = (req: Request, res: Response) => {
    const token = String((req.body as Record<string, unknown> | undefined)?.token ?? req.query.token ?? '');
    if (!deps.sessions.revoke(token)) {
      res.status(400).json({ error: 'unsupported_token_type', error_description: 'this token type is not supported' });
      return;
    }
    res.status(200).end();
  };
  router.post('/services/oauth2/revoke', form, revoke);
  router.get('/services/oauth2/revoke', revoke);

  /** Identity and UserInfo accept the token as Bearer header or `oauth_token`/`access_token` parameter. */
  const sessionOf = (req: Request): Session | undefined => {
    const header = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const token = header?.[1] ?? req.query.oauth_token ?? req.query.access_token;
    return typeof token === 'string' ? deps.sessions.find(token) : undefined;
  };
  const badToken = (res: Response) => res.status(403).type('text/plain').send('Bad_OAuth_Token');

  const userInfo = (req: Request, res: Response) => {
    const session = sessionOf(req);
    const user = session && userById(deps.store, session.userId);
    if (!user) return badToken(res);
    res.json(userInfoDocument(identityContext(), user));
  };
  router.get('/services/oauth2/userinfo', userInfo);
  router.post('/services/oauth2/userinfo', userInfo);

  router.get('/id/:orgId/:userId', (req, res) => {
    const session = sessionOf(req);
    if (!session) return badToken(res);
    const orgId = canonicalId(req.params.orgId);
    if (orgId !== canonicalId(deps.store.org.id)) return badToken(res);
    const user = userById(deps.store, req.params.userId);
    if (!user) {
      res.status(404).type('text/plain').send('Bad_Id');
      return;
    }
    res.json(identityDocument(identityContext(), user));
  });

  return router;
}
