/**
 * Salesforce REST error bodies: always a JSON array of `{ message, errorCode, fields? }` with the
 * HTTP status Salesforce uses for that failure. One place for the wording of the common ones.
 */
import type { Response } from 'express';
import type { RestError } from '../context.js';
import type { SalesforceError } from '../store/dml-errors.js';

export function sendRestError(res: Response, status: number, errors: RestError[]): void {
  res.status(status).json(errors);
}

export const RestErrors = {
  notFound: (): RestError => ({ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }),
  invalidSession: (): RestError => ({ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }),
  externalIdFieldMissing: (field: string): RestError => ({
    errorCode: 'NOT_FOUND',
    message: `Provided external ID field does not exist or is not accessible: ${field}`,
  }),
  unavailable: (): RestError => ({
    message: 'Server is temporarily unavailable, please try again later.',
    errorCode: 'SERVER_UNAVAILABLE',
  }),
  methodNotAllowed: (method: string, allowed: string[]): RestError => ({
    errorCode: 'METHOD_NOT_ALLOWED',
    message: `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
  }),
  jsonParser: (message: string): RestError => ({ message, errorCode: 'JSON_PARSER_ERROR' }),
  invalidQueryLocator: (): RestError => ({ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }),
};

/** A DML error as the REST API reports it (`statusCode` becomes `errorCode`). */
export function fromDmlError(error: SalesforceError): RestError {
  return { message: error.message, errorCode: error.statusCode, fields: error.fields };
}
