/**
 * The one place errors become responses: `{ error: { code, message, issues? } }` with the
 * ApiError's status and headers. Anything else is a 500 that says only that something failed and
 * gives an id to find the log line — no stack, no message from inside (it could name a key or a
 * query). The log line has the error's name, message and code; never a stack or a request body.
 */
import { randomBytes } from 'node:crypto';
import { ConcurrentChangeError } from '@attain/store';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError, ErrorCode } from '../errors.js';

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof ConcurrentChangeError) return ApiError.conflict(error.message);
  return null;
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let known = toApiError(error);
    if (!known) {
      const errorId = randomBytes(6).toString('hex');
      const described = error instanceof Error ? error : new Error(String(error));
      logger.error(
        {
          errorId,
          method: req.method,
          route: req.route?.path ?? null,
          error: { name: described.name, message: described.message, code: (error as { code?: unknown }).code },
        },
        'request failed',
      );
      known = new ApiError(500, ErrorCode.internal, `something went wrong (error id ${errorId})`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(known.headers)) res.setHeader(name, value);
    const body: { code: string; message: string; issues?: unknown } = { code: known.code, message: known.message };
    if (known.issues) body.issues = known.issues;
    res.status(known.status).json({ error: body });
  };
}

/** Unknown paths: a JSON 404 like every other error. */
export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(ApiError.notFound(`no route ${req.method} ${req.path}`));
}
