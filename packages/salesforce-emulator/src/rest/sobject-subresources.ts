/**
 * The sObject resources a describe advertises in `urls` beside records: `listviews`,
 * `describe/layouts`, `describe/compactLayouts`, `describe/approvalLayouts` and `quickActions`.
 * They are routed here, before the record routes, so that `…/describe/layouts` is never read as an
 * external-id lookup (field `describe`, value `layouts`).
 *
 * The emulated org has no list views: `listviews` answers Salesforce's list shape, empty. Page
 * layouts, compact and approval layouts and quick actions are UI metadata the emulator does not
 * model: they answer 404 NOT_FOUND, the REST API's answer for a resource that does not exist, which
 * clients already handle (README, "Not emulated").
 */
import { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { RestErrors } from './rest-errors.js';

const UI_METADATA = ['describe/layouts', 'describe/compactLayouts', 'describe/approvalLayouts', 'quickActions'];

export function sobjectSubresourcesRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  const objectOf = (req: Request, res: Response) => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) ctx.sendError(res, 404, [RestErrors.notFound()]);
    return object;
  };

  router.get('/sobjects/:object/listviews', (req, res) => {
    const object = objectOf(req, res);
    if (!object) return;
    res.json({ done: true, listviews: [], nextRecordsUrl: null, size: 0, sobjectType: object.name });
  });
  // A list view's own resources (`…/listviews/{id}`, `…/describe`, `…/results`): there are none.
  router.all(['/sobjects/:object/listviews/*rest'], (req, res) => {
    if (objectOf(req, res)) ctx.sendError(res, 404, [RestErrors.notFound()]);
  });
  for (const path of UI_METADATA) {
    router.all([`/sobjects/:object/${path}`, `/sobjects/:object/${path}/*rest`], (req, res) => {
      if (objectOf(req, res)) ctx.sendError(res, 404, [RestErrors.notFound()]);
    });
  }
  return router;
}
