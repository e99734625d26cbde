/**
 * jsforce connections for the integration user: OAuth 2.0 client credentials, or the JWT bearer
 * flow with a private key. Neither flow has a refresh token, so the connection's refresh function
 * runs the same grant again: jsforce calls it once when a request comes back INVALID_SESSION_ID (401)
 * and then repeats that request.
 */
import { createSign } from 'node:crypto';
import { Connection } from 'jsforce';
import { type ApiCallListener, reportApiCalls } from './api-calls.js';
import type { DescribedObject, DescribeFn } from './mapping-validation.js';

/** How the integration user signs in (read from the environment by @attain/store's configuration). */
export type SalesforceAuth =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'jwt-bearer'; clientId: string; username: string; privateKey: string; keyFile: string };

export interface SalesforceConnectionOptions {
  loginUrl: string;
  apiVersion: string;
  auth: SalesforceAuth;
  /** Concurrent HTTP requests per connection (jsforce's `maxRequest`). */
  maxRequest?: number;
  /** Told about every request the connection sends (API calls and token grants), for metrics. */
  onApiCall?: ApiCallListener;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce accepts JWT assertions that expire within 3 minutes. */
const JWT_LIFETIME_SECONDS = 180;

const base64url = (input: string | Buffer) => Buffer.from(input).toString('base64url');

/**
 * A signed JWT bearer assertion: `iss` the connected app's client id, `sub` the integration user,
 * `aud` the login URL (Salesforce wants the login host, not the instance).
 */
export function jwtAssertion(
  auth: Extract<SalesforceAuth, { kind: 'jwt-bearer' }>,
  audience: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ iss: auth.clientId, sub: auth.username, aud: audience, exp: nowSeconds + JWT_LIFETIME_SECONDS }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(auth.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

function grantParams(options: SalesforceConnectionOptions): { grant_type: string; [name: string]: string } {
  const { auth } = options;
  if (auth.kind === 'client-credentials') return { grant_type: 'client_credentials' };
  return { grant_type: JWT_BEARER, assertion: jwtAssertion(auth, options.loginUrl) };
}

/** Opens an authorized connection; throws what the token endpoint said when the grant is refused. */
export async function connectSalesforce(options: SalesforceConnectionOptions): Promise<Connection> {
  const clientSecret = options.auth.kind === 'client-credentials' ? options.auth.clientSecret : undefined;
  const connection: Connection = new Connection({
    loginUrl: options.loginUrl,
    version: options.apiVersion,
    maxRequest: options.maxRequest ?? 10,
    oauth2: {
      loginUrl: options.loginUrl,
      clientId: options.auth.clientId,
      ...(clientSecret === undefined ? {} : { clientSecret }),
    },
    refreshFn: (conn, callback) => {
      conn.authorize(grantParams(options)).then(
        () => callback(undefined, conn.accessToken ?? undefined),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  if (options.onApiCall) reportApiCalls(connection, options.onApiCall);
  await connection.authorize(grantParams(options));
  return connection;
}

/** Whether a jsforce error is Salesforce saying the object or resource does not exist. */
function isNotFound(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { errorCode, name } = error as { errorCode?: unknown; name?: unknown };
  return errorCode === 'NOT_FOUND' || name === 'NOT_FOUND' || errorCode === 'INVALID_TYPE';
}

/** `describe` through a connection, in the shape the mapping check reads; null for unknown objects. */
export function describeThrough(connection: Connection): DescribeFn {
  return async (objectName: string): Promise<DescribedObject | null> => {
    try {
      const result = await connection.describe(objectName);
      return {
        name: result.name,
        fields: result.fields.map((field) => ({
          name: field.name,
          type: field.type,
          referenceTo: field.referenceTo ?? null,
          relationshipName: field.relationshipName ?? null,
        })),
        childRelationships: result.childRelationships.map((relationship) => ({
          relationshipName: relationship.relationshipName ?? null,
          childSObject: relationship.childSObject,
          field: relationship.field,
        })),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };
}
