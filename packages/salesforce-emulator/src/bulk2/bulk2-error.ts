/**
 * A Bulk API 2.0 request that Salesforce refuses as a whole: answered with the job API's error body
 * `[{ "errorCode": "...", "message": "..." }]` (no `fields`, unlike the REST API) and an HTTP status.
 */
export class Bulk2Error extends Error {
  override readonly name = 'Bulk2Error';

  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }

  static notFound(): Bulk2Error {
    return new Bulk2Error(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  static invalidJob(message: string): Bulk2Error {
    return new Bulk2Error(400, 'INVALIDJOB', message);
  }

  static invalidState(message: string): Bulk2Error {
    return new Bulk2Error(400, 'INVALIDJOBSTATE', message);
  }
}
