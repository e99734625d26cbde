import { describe, expect, it } from 'vitest';
import { ApiCallKind, classifyApiCall } from '../src/api-calls.js';

const base = 'https://acme.my.salesforce.com/services/data/v62.0';

describe('classifyApiCall', () => {
  it('tells each kind of Salesforce request from its method and URL', () => {
    expect(classifyApiCall('GET', `${base}/query?q=SELECT+Id+FROM+Opportunity`)).toEqual({ kind: ApiCallKind.query });
    expect(classifyApiCall('GET', `${base}/queryAll?q=SELECT+Id+FROM+Opportunity`)).toEqual({ kind: 'query' });
    expect(classifyApiCall('GET', `${base}/query/01gD0000002HU6KIAW-2000`)).toEqual({ kind: 'queryMore' });
    expect(classifyApiCall('PATCH', `${base}/composite/sobjects/Commission__c/External_Key__c`)).toEqual({
      kind: 'collections',
    });
    expect(classifyApiCall('DELETE', `${base}/composite/sobjects?ids=a01,a02&allOrNone=false`)).toEqual({
      kind: 'collections',
    });
    expect(classifyApiCall('POST', `${base}/jobs/query`)).toEqual({ kind: 'bulk_query', bulkJob: 'query' });
    expect(classifyApiCall('GET', `${base}/jobs/query/750xx0000000001/results?maxRecords=5000`)).toEqual({
      kind: 'bulk_query',
    });
    expect(classifyApiCall('POST', `${base}/jobs/ingest`)).toEqual({ kind: 'bulk_ingest', bulkJob: 'ingest' });
    expect(classifyApiCall('PUT', `${base}/jobs/ingest/750xx0000000002/batches`)).toEqual({ kind: 'bulk_ingest' });
    expect(classifyApiCall('GET', `${base}/sobjects/Commission__c/describe`)).toEqual({ kind: 'describe' });
    expect(classifyApiCall('GET', `${base}/sobjects`)).toEqual({ kind: 'describe' });
    expect(classifyApiCall('POST', 'https://login.salesforce.com/services/oauth2/token')).toEqual({ kind: 'auth' });
    expect(classifyApiCall('GET', `${base}/sobjects/Opportunity/006xx000001`)).toEqual({ kind: 'other' });
    expect(classifyApiCall('GET', `${base}/limits`)).toEqual({ kind: 'other' });
    expect(classifyApiCall('GET', 'not a url at all')).toEqual({ kind: 'other' });
  });
});
