/**
 * The emulator's control surface for change data capture (loopback only, no session, not API calls):
 *
 *   GET  /__emulator/streaming                  { clients, lastReplayId, retained, oldestReplayId, retentionMs, maxRetainedEvents }
 *   PUT  /__emulator/streaming                  { retentionMs?, maxRetainedEvents? (null: no count limit) }
 *   POST /__emulator/faults/streaming/drop-subscribers   { dropped }: the server forgets every client
 *   POST /__emulator/faults/streaming/expire-sessions    { expired }: tokens die, held connects answer now
 *   POST /__emulator/faults/streaming/gap       { object, changeType?, recordIds? } → the GAP_ event published
 *   POST /__emulator/faults/streaming/overflow  { object } → the GAP_OVERFLOW event published
 */
import express, { type Request, type Response, Router } from 'express';
import { loopbackOnly } from '../rest/admin-router.js';
import type { SchemaLookup } from '../store/schema-lookup.js';
import { type ChangeEvents, ChangeType, type RetainedEvent } from './change-events.js';
import type { StreamingServer } from './cometd-server.js';

export interface StreamingAdminDeps {
  streaming: StreamingServer;
  changeEvents: ChangeEvents;
  schema: SchemaLookup;
}

const GAP_TYPES: Record<string, ChangeType> = {
  CREATE: ChangeType.gapCreate,
  UPDATE: ChangeType.gapUpdate,
  DELETE: ChangeType.gapDelete,
  UNDELETE: ChangeType.gapUndelete,
};

function badRequest(res: Response, path: string, message: string): void {
  res.status(400).json({ error: 'INVALID_ADMIN_REQUEST', path, message });
}

function describe(event: RetainedEvent) {
  const header = event.message.data.payload.ChangeEventHeader;
  return {
    replayId: event.replayId,
    channel: event.channel,
    changeType: header.changeType,
    recordIds: header.recordIds,
  };
}

export function streamingAdminRouter(deps: StreamingAdminDeps): Router {
  const router = Router();
  router.use(['/streaming', '/faults/streaming'], loopbackOnly, express.json({ limit: '1mb' }));
  const status = () => {
    const retained = deps.changeEvents.retained();
    return {
      clients: deps.streaming.clientCount,
      lastReplayId: deps.changeEvents.lastReplayId,
      retained: retained.length,
      oldestReplayId: retained[0]?.replayId ?? null,
      retentionMs: deps.changeEvents.retentionMs,
      maxRetainedEvents: deps.changeEvents.maxRetainedEvents ?? null,
    };
  };

  router.get('/streaming', (_req, res) => {
    res.json(status());
  });
  router.put('/streaming', (req: Request, res: Response) => {
    const { retentionMs, maxRetainedEvents, ...rest } = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown) return badRequest(res, unknown, `unknown streaming setting ${unknown}`);
    if (retentionMs !== undefined && !(Number.isInteger(retentionMs) && (retentionMs as number) > 0)) {
      return badRequest(res, 'retentionMs', 'retentionMs must be a positive integer');
    }
    if (
      maxRetainedEvents !== undefined &&
      maxRetainedEvents !== null &&
      !(Number.isInteger(maxRetainedEvents) && (maxRetainedEvents as number) >= 0)
    ) {
      return badRequest(res, 'maxRetainedEvents', 'maxRetainedEvents must be a non-negative integer or null');
    }
    if (retentionMs !== undefined) deps.changeEvents.retentionMs = retentionMs as number;
    if (maxRetainedEvents !== undefined)
      deps.changeEvents.maxRetainedEvents = (maxRetainedEvents as number | null) ?? undefined;
    res.json(status());
  });

  router.post('/faults/streaming/drop-subscribers', (_req, res) => {
    res.json({ dropped: deps.streaming.dropSubscribers() });
  });
  router.post('/faults/streaming/expire-sessions', (_req, res) => {
    res.json({ expired: deps.streaming.expireSessions() });
  });
  router.post('/faults/streaming/gap', (req: Request, res: Response) => {
    const { object, changeType = 'UPDATE', recordIds = [] } = (req.body ?? {}) as Record<string, unknown>;
    const schema = typeof object === 'string' ? deps.schema.get(object) : undefined;
    if (!schema) return badRequest(res, 'object', 'object must name an object of the org');
    const gapType = GAP_TYPES[String(changeType)];
    if (!gapType) return badRequest(res, 'changeType', 'changeType must be CREATE, UPDATE, DELETE or UNDELETE');
    if (!Array.isArray(recordIds) || !recordIds.every((id) => typeof id === 'string')) {
      return badRequest(res, 'recordIds', 'recordIds must be a list of record ids');
    }
    res.json(describe(deps.changeEvents.publishGap(schema.name, gapType, recordIds as string[])));
  });
  router.post('/faults/streaming/overflow', (req: Request, res: Response) => {
    const { object } = (req.body ?? {}) as Record<string, unknown>;
    const schema = typeof object === 'string' ? deps.schema.get(object) : undefined;
    if (!schema) return badRequest(res, 'object', 'object must name an object of the org');
    res.json(describe(deps.changeEvents.publishGap(schema.name, ChangeType.gapOverflow, [])));
  });
  return router;
}
