/**
 * `ChangeEventHeader.changeOrigin`: which API made a change, e.g.
 * `com/salesforce/api/rest/62.0;client=attain-sync` (the client part only when the caller names
 * itself in `Sforce-Call-Options: client=…`, as jsforce's `callOptions` do). Carried from the API
 * request to the commit through the request's async context, so Bulk ingest processing that
 * continues after the request still reports the request's origin. Empty outside an API request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

export class ChangeOrigins {
  private readonly storage = new AsyncLocalStorage<string>();

  current(): string {
    return this.storage.getStore() ?? '';
  }

  /** Middleware for `/services/data/:version/…`, after the session check. */
  readonly middleware = (req: Request, _res: Response, next: NextFunction): void => {
    const version = String(req.params.version ?? '').replace(/^v/, '');
    const api = req.path.startsWith('/jobs/ingest') ? 'bulkapi' : 'rest';
    const client = /(?:^|[,;\s])client=([^,;\s]+)/.exec(req.get('sforce-call-options') ?? '')?.[1];
    this.storage.run(`com/salesforce/api/${api}/${version}${client ? `;client=${client}` : ''}`, next);
  };
}
