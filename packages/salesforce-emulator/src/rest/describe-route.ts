/**
 * `GET …/sobjects` (describeGlobal), `GET …/sobjects/X` (basic information with recentItems) and
 * `GET …/sobjects/X/describe`. Unknown objects answer 404 NOT_FOUND, as Salesforce does.
 */
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { parseDateTime } from '../store/datetime.js';
import { describeSObject, globalEntry } from './describe-shapes.js';
import { versionOf } from './query-route.js';
import { RestErrors } from './rest-errors.js';

/** How many records `recentItems` lists. */
const RECENT_ITEMS = 25;

export function describeRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.get('/sobjects', (req, res) => {
    const version = versionOf(req);
    res.json({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: ctx.schema.all().map((object) => globalEntry(object, version)),
    });
  });

  router.get('/sobjects/:object', (req, res) => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    const version = versionOf(req);
    // "Recently viewed" in Salesforce; here the most recently modified records, newest first.
    const recent: { stamp: number; record: Record<string, unknown> }[] = [];
    for (const record of ctx.store.scan(object.name, false)) {
      const stamp = parseDateTime(String(record.LastModifiedDate ?? '')) ?? 0;
      if (recent.length < RECENT_ITEMS || stamp > (recent.at(-1)?.stamp ?? 0)) {
        recent.push({ stamp, record });
        recent.sort((a, b) => b.stamp - a.stamp);
        if (recent.length > RECENT_ITEMS) recent.pop();
      }
    }
    const hasName = object.fields.some((field) => field.name === 'Name');
    res.json({
      objectDescribe: globalEntry(object, version),
      recentItems: recent.map(({ record }) => ({
        attributes: { type: object.name, url: ctx.recordUrl(version, object.name, String(record.Id)) },
        Id: record.Id,
        ...(hasName ? { Name: record.Name ?? null } : {}),
      })),
    });
  });

  router.get('/sobjects/:object/describe', (req, res) => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    res.json(describeSObject(object, versionOf(req)));
  });

  return router;
}
