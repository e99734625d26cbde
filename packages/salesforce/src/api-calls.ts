/**
 * What kind of Salesforce API call an HTTP request is, told from its method and URL, and a jsforce
 * transport that reports every request it sends. Counting at the transport sees every request —
 * `autoFetch` pages, Bulk 2.0 polls, the token grant of a session refresh — not only the calls the
 * worker's code makes by name. jsforce's own retries of a GET happen below the transport and are
 * not counted again.
 */
import type { Connection } from 'jsforce';

export const ApiCallKind = {
  query: 'query',
  queryMore: 'queryMore',
  collections: 'collections',
  bulkQuery: 'bulk_query',
  bulkIngest: 'bulk_ingest',
  describe: 'describe',
  auth: 'auth',
  other: 'other',
} as const;
export type ApiCallKind = (typeof ApiCallKind)[keyof typeof ApiCallKind];

/** One request as the listener sees it; `bulkJob` is set when the request creates a Bulk 2.0 job. */
export interface ApiCall {
  kind: ApiCallKind;
  bulkJob?: 'query' | 'ingest';
}

export type ApiCallListener = (call: ApiCall) => void;

/** `POST …/services/data/v62.0/jobs/ingest` → bulk_ingest (creates a job), `GET …/query/01g…-2000` → queryMore, … */
export function classifyApiCall(method: string, url: string): ApiCall {
  let path: string;
  try {
    path = new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return { kind: ApiCallKind.other };
  }
  if (path.includes('/services/oauth2/')) return { kind: ApiCallKind.auth };
  const match = /\/services\/data\/v\d+\.\d+\/(.*)$/.exec(path);
  if (!match) return { kind: ApiCallKind.other };
  const parts = match[1]!.split('/').filter(Boolean);
  const [first, second, third] = parts;
  const creates = method.toUpperCase() === 'POST' && parts.length === 2;
  switch (first) {
    case 'query':
    case 'queryAll':
      return { kind: second ? ApiCallKind.queryMore : ApiCallKind.query };
    case 'composite':
      return { kind: second === 'sobjects' ? ApiCallKind.collections : ApiCallKind.other };
    case 'jobs': {
      const kind =
        second === 'query' ? ApiCallKind.bulkQuery : second === 'ingest' ? ApiCallKind.bulkIngest : ApiCallKind.other;
      return creates && kind !== ApiCallKind.other ? { kind, bulkJob: second as 'query' | 'ingest' } : { kind };
    }
    case 'sobjects':
      return { kind: !third || third === 'describe' ? ApiCallKind.describe : ApiCallKind.other };
    default:
      return { kind: ApiCallKind.other };
  }
}

type Transport = Connection['_transport'];

/** A transport that tells `listener` about each request, then sends it through `inner`. */
function reporting(inner: Transport, listener: ApiCallListener): Transport {
  // A per-connection wrapper: jsforce may share transports between objects, which must not all report.
  const wrapper = Object.create(inner) as Transport;
  wrapper.httpRequest = (request, options) => {
    try {
      listener(classifyApiCall(request.method ?? 'GET', request.url ?? ''));
    } catch {
      // A metrics failure must never fail a Salesforce call.
    }
    return inner.httpRequest(request, options);
  };
  return wrapper;
}

/** Makes `connection` report every API and token request it sends. */
export function reportApiCalls(connection: Connection, listener: ApiCallListener): void {
  connection._transport = reporting(connection._transport, listener);
  connection.oauth2._transport = reporting(connection.oauth2._transport, listener);
}
