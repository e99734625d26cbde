/**
 * Request bodies are read only after the caller is authenticated and allowed (an anonymous caller
 * never makes the API buffer megabytes), with a size limit per route. JSON only (a form for the
 * Canvas signed request); anything else is 415, malformed JSON 400, too large 413.
 */
import express, { type Request, type Response } from 'express';
import { ApiError, ErrorCode } from '../errors.js';

export const DEFAULT_BODY_LIMIT = '32kb';

type Parser = ReturnType<typeof express.json>;
const parsers = new Map<string, Parser>();

function parser(kind: 'json' | 'form', limit: string): Parser {
  const key = `${kind}:${limit}`;
  let found = parsers.get(key);
  if (!found) {
    found =
      kind === 'json'
        ? express.json({ limit, strict: true, type: 'application/json' })
        : express.urlencoded({ limit, extended: false, type: 'application/x-www-form-urlencoded', parameterLimit: 20 });
    parsers.set(key, found);
  }
  return found;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function translate(error: unknown): ApiError {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new ApiError(413, ErrorCode.payloadTooLarge, 'the request body is too large');
  if (type === 'entity.parse.failed')
    return new ApiError(400, ErrorCode.invalidJson, 'the request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError(415, ErrorCode.unsupportedMediaType, 'send the body as UTF-8 JSON');
  }
  return new ApiError(400, ErrorCode.invalidRequest, 'the request body could not be read');
}

export async function readBody(req: Request, res: Response, kind: 'json' | 'form', limit: string): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  const wanted = kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  if (!req.is(wanted)) throw new ApiError(415, ErrorCode.unsupportedMediaType, `send the body as ${wanted}`);
  await new Promise<void>((resolve, reject) => {
    parser(kind, limit)(req, res, (error?: unknown) => (error ? reject(translate(error)) : resolve()));
  });
  return req.body;
}
