/** Schemas of the public routes: health, Canvas session. */
import { z } from 'zod';
import { named } from './registry.js';

export const healthSchema = named('Health', z.object({ status: z.enum(['ok', 'unavailable']) }));

export const canvasBodySchema = z.strictObject({
  signed_request: z.string().min(10).max(60_000).meta({ description: 'the signed request Salesforce posted' }),
});

export const canvasSessionSchema = named(
  'CanvasSession',
  z.object({
    token: z.string().meta({ description: 'an Attain token, used as the Bearer token like the Apex-minted one' }),
    expiresAt: z.number().int().meta({ description: 'Unix seconds' }),
    userId: z.string(),
  }),
);
