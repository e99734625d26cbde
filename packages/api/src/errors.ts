import { formatPath, type Problem } from '@attain/engine';

/**
 * The API's one error type. Anything a handler or middleware refuses is an ApiError with a stable
 * code, its HTTP status, a message for people and, for bad input, every issue with its path. The
 * error handler (`http/error-handler.ts`) is the only place that turns errors into responses:
 * `{ error: { code, message, issues? } }`, never a stack trace.
 */

export const ErrorCode = {
  invalidRequest: 'INVALID_REQUEST',
  invalidJson: 'INVALID_JSON',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  originNotAllowed: 'ORIGIN_NOT_ALLOWED',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  managedBySalesforce: 'MANAGED_BY_SALESFORCE',
  rateLimited: 'RATE_LIMITED',
  salesforceUnavailable: 'SALESFORCE_UNAVAILABLE',
  workerTimeout: 'WORKER_TIMEOUT',
  internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * One problem with a request: Attain's one problem shape (lower snake_case `code`, `path`, `message`)
 * plus the request part the path starts in.
 */
export interface ApiIssue extends Problem {
  in: 'body' | 'query' | 'path' | 'header';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static invalid(issues: ApiIssue[]): ApiError {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const message = first ? `${issueLocation(first)}: ${first.message}${more}` : 'invalid request';
    return new ApiError(400, ErrorCode.invalidRequest, message, issues);
  }

  static unauthenticated(message: string): ApiError {
    return new ApiError(401, ErrorCode.unauthenticated, message, undefined, {
      'WWW-Authenticate': 'Bearer realm="attain"',
    });
  }

  static forbidden(message: string): ApiError {
    return new ApiError(403, ErrorCode.forbidden, message);
  }

  static notFound(message: string): ApiError {
    return new ApiError(404, ErrorCode.notFound, message);
  }

  static conflict(message: string, code: ErrorCode = ErrorCode.conflict): ApiError {
    return new ApiError(409, code, message);
  }
}

/** `body.plan.components[0].rate` — where an issue is, as a person reads it. */
export function issueLocation(issue: Pick<ApiIssue, 'in' | 'path'>): string {
  return formatPath([issue.in, ...issue.path]);
}
