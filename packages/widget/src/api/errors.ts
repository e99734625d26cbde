/**
 * What went wrong with an API call, as a sentence that says what to do. The API answers errors as
 * `{ error: { code, message, issues? } }`; its message is shown when it is written for people
 * (validation, not found, conflicts), and replaced when the cause is on our side of the wire.
 */
import type { RequestIssue } from '@attain/api/contract';

export const ErrorKind = {
  /** No apiUrl or token from the host yet. */
  notConnected: 'notConnected',
  /** fetch failed: offline, DNS, CSP (the API's origin is not a Trusted URL), CORS. */
  network: 'network',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'notFound',
  invalid: 'invalid',
  conflict: 'conflict',
  busy: 'busy',
  server: 'server',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** One problem with something sent: a stable code, the JSON path it concerns, what to fix (the API's contract). */
export type ApiIssue = RequestIssue;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status = 0,
    readonly code = kind as string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; issues?: unknown };
}

function bodyError(body: unknown): { code?: string; message?: string; issues: ApiIssue[] } {
  const error = (body as ErrorBody | null)?.error;
  if (!error || typeof error !== 'object') return { issues: [] };
  const issues = Array.isArray(error.issues)
    ? (error.issues as ApiIssue[]).filter((issue) => issue && typeof issue.message === 'string')
    : [];
  return {
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    ...(typeof error.message === 'string' && error.message ? { message: error.message } : {}),
    issues: issues.map((issue) => ({ ...issue, path: Array.isArray(issue.path) ? issue.path : [] })),
  };
}

export function networkError(apiUrl: string): ApiError {
  let origin = apiUrl;
  try {
    origin = new URL(apiUrl).origin;
  } catch {
    // Keep the text as given: it is what the admin typed.
  }
  return new ApiError(
    ErrorKind.network,
    `Attain could not reach its server at ${origin}. Check your connection and try again; if it keeps ` +
      `happening, ask your Salesforce admin to check that ${origin} is a Trusted URL and the Attain API is running.`,
  );
}

export function responseError(status: number, body: unknown): ApiError {
  const { code, message, issues } = bodyError(body);
  const said = message ? `${message} ` : '';
  if (status === 401) {
    return new ApiError(
      ErrorKind.unauthorized,
      'Your Attain sign-in is not valid any more. Reload the page; if this keeps happening, ask your Salesforce ' +
        'admin to check that the Attain API has the public key of the certificate named in Attain Setting ' +
        '(ATTAIN_TOKEN_PUBLIC_KEYS or ATTAIN_TOKEN_JWKS) and that the org id is right.',
      status,
      code,
    );
  }
  if (status === 403) {
    return new ApiError(
      ErrorKind.forbidden,
      `${said}You don't have access to this. Ask your Salesforce admin for the Attain permission set you need.`,
      status,
      code,
    );
  }
  if (status === 404) {
    return new ApiError(ErrorKind.notFound, message ?? 'Not found. Reload to see the current data.', status, code);
  }
  if (status === 400 || status === 422) {
    return new ApiError(ErrorKind.invalid, message ?? 'Some values need fixing.', status, code, issues);
  }
  if (status === 409) {
    return new ApiError(
      ErrorKind.conflict,
      message ?? 'Someone changed this meanwhile. Reload and try again.',
      status,
      code,
      issues,
    );
  }
  if (status === 429) {
    return new ApiError(ErrorKind.busy, 'Attain is busy right now. Wait a moment and try again.', status, code);
  }
  return new ApiError(
    ErrorKind.server,
    `Attain's server had a problem (${status}). Try again in a minute; if it keeps happening, tell your Attain administrator.`,
    status,
    code,
  );
}

/** The message to show for anything thrown while loading or saving. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong in Attain. Reload the page and try again.';
}
