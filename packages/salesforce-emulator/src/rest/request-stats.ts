/**
 * Request counts by kind, for tests and benchmarks that count API calls (`GET /__emulator/stats`).
 * Kinds follow what a Salesforce client would call an API call of that sort.
 */

export const RequestKind = {
  query: 'query',
  queryMore: 'queryMore',
  sobjectRow: 'sobject-row',
  describe: 'describe',
  replication: 'replication',
  composite: 'composite',
  bulk: 'bulk',
  limits: 'limits',
  other: 'other',
} as const;
export type RequestKind = (typeof RequestKind)[keyof typeof RequestKind];

/** Classifies a request by its path under `/services/data/vXX.X`. */
export function classify(path: string): RequestKind {
  const parts = path.split('/').filter(Boolean);
  const [first, second, third] = parts;
  switch (first) {
    case 'query':
    case 'queryAll':
      return second ? RequestKind.queryMore : RequestKind.query;
    case 'composite':
      return RequestKind.composite;
    case 'jobs':
      return RequestKind.bulk;
    case 'limits':
      return RequestKind.limits;
    case 'sobjects':
      if (!second || !third || third === 'describe') return RequestKind.describe;
      if (third === 'updated' || third === 'deleted') return RequestKind.replication;
      return RequestKind.sobjectRow;
    default:
      return RequestKind.other;
  }
}

export type Rejection = 'invalidSession' | 'limitExceeded' | 'unavailable' | 'lockRow';

export interface StatsSnapshot {
  /** API requests admitted (counted against the daily limit). */
  apiRequests: number;
  byKind: Record<RequestKind, number>;
  /** OAuth token requests (not API calls). */
  tokenRequests: number;
  rejected: Record<Rejection, number>;
  since: string;
}

export class RequestStats {
  private snapshot: StatsSnapshot = RequestStats.empty();

  private static empty(): StatsSnapshot {
    const byKind = Object.fromEntries(Object.values(RequestKind).map((kind) => [kind, 0])) as Record<
      RequestKind,
      number
    >;
    return {
      apiRequests: 0,
      byKind,
      tokenRequests: 0,
      rejected: { invalidSession: 0, limitExceeded: 0, unavailable: 0, lockRow: 0 },
      since: new Date().toISOString(),
    };
  }

  countApi(kind: RequestKind): void {
    this.snapshot.apiRequests++;
    this.snapshot.byKind[kind]++;
  }

  countToken(): void {
    this.snapshot.tokenRequests++;
  }

  countRejection(reason: Rejection): void {
    this.snapshot.rejected[reason]++;
  }

  get(): StatsSnapshot {
    return structuredClone(this.snapshot);
  }

  reset(): void {
    this.snapshot = RequestStats.empty();
  }
}
