/**
 * Data replication: `GET …/sobjects/X/updated?start=&end=` and `…/deleted?start=&end=`.
 * As in Salesforce, seconds of start and end are ignored (both are cut to the minute), updated
 * records are found by SystemModstamp, results cover at most the last 30 days (updated) or 15 days
 * (deleted), and `latestDateCovered` never passes the current minute: a record changed later in
 * this minute is reported by the next call starting at `latestDateCovered`.
 */
import { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { formatDateTime, parseDateTime } from '../store/datetime.js';
import { RestErrors } from './rest-errors.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
export const UPDATED_WINDOW_DAYS = 30;
export const DELETED_WINDOW_DAYS = 15;
const MAX_IDS = 600_000;

const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

type Range = { start: number; end: number; latestCovered: number; earliest: number };

function rangeOf(ctx: EmulatorContext, req: Request, res: Response, windowDays: number): Range | undefined {
  const fail = (message: string, errorCode = 'INVALID_REPLICATION_DATE') => {
    ctx.sendError(res, 400, [{ message, errorCode }]);
    return undefined;
  };
  const { start: startText, end: endText } = req.query;
  if (typeof startText !== 'string' || startText === '') return fail('start date is required', 'MISSING_ARGUMENT');
  if (typeof endText !== 'string' || endText === '') return fail('end date is required', 'MISSING_ARGUMENT');
  const startMs = parseDateTime(startText);
  const endMs = parseDateTime(endText);
  if (startMs === undefined) return fail(`Invalid start date: ${startText}`, 'MALFORMED_QUERY');
  if (endMs === undefined) return fail(`Invalid end date: ${endText}`, 'MALFORMED_QUERY');
  const now = ctx.now().getTime();
  const start = floorMinute(startMs);
  const end = floorMinute(endMs);
  if (start > end) return fail('startDate must chronologically precede endDate');
  const earliest = floorMinute(now - windowDays * DAY_MS);
  if (start < earliest) return fail(`startDate cannot be more than ${windowDays} days ago`);
  return { start, end, latestCovered: Math.min(end, floorMinute(now)), earliest };
}

export function replicationRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.get('/sobjects/:object/updated', (req, res) => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    const range = rangeOf(ctx, req, res, UPDATED_WINDOW_DAYS);
    if (!range) return;
    const ids = ctx.store.updatedBetween(object.name, new Date(range.start), new Date(range.latestCovered));
    if (ids.length > MAX_IDS) {
      return ctx.sendError(res, 400, [{ message: 'Exceeded id limit', errorCode: 'EXCEEDED_ID_LIMIT' }]);
    }
    res.json({ ids, latestDateCovered: formatDateTime(range.latestCovered) });
  });

  router.get('/sobjects/:object/deleted', (req, res) => {
    const object = ctx.schema.get(String(req.params.object));
    if (!object) return ctx.sendError(res, 404, [RestErrors.notFound()]);
    const range = rangeOf(ctx, req, res, DELETED_WINDOW_DAYS);
    if (!range) return;
    const deletedRecords = ctx.store.deletedBetween(object.name, new Date(range.start), new Date(range.latestCovered));
    if (deletedRecords.length > MAX_IDS) {
      return ctx.sendError(res, 400, [{ message: 'Exceeded id limit', errorCode: 'EXCEEDED_ID_LIMIT' }]);
    }
    res.json({
      deletedRecords,
      earliestDateAvailable: formatDateTime(range.earliest),
      latestDateCovered: formatDateTime(range.latestCovered),
    });
  });

  return router;
}
