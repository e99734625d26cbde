/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas (zod 4's
 * `z.toJSONSchema`; OpenAPI 3.1 schemas are JSON Schema 2020-12). A small wrapper rather than a
 * library: the routes already carry everything the document says, and named schemas are hoisted
 * into `components.schemas` so that recursive ones (plan filters) can be written at all.
 */
import { z } from 'zod';
import type { Access, RouteSpec } from './http/route.js';
import { errorBody } from './schemas/common.js';
import { componentRegistry } from './schemas/registry.js';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'bad input: every issue names its field (`in`, `path`)',
  401: 'no token, or a token that is expired, badly signed, not RS256, for another org or audience',
  403: 'the caller may not do this (role from Salesforce, or another rep’s data)',
  404: 'not found',
  409: 'conflicts with the current state',
  413: 'request body too large',
  415: 'request body is not JSON',
  429: 'rate limit: retry after `Retry-After` seconds',
  502: 'Salesforce did not answer',
  504: 'the worker did not finish the work in time (it stays queued)',
};

/** Moves `$defs` into the components and points every `$ref` there. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  add(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      metadata: componentRegistry,
      io,
      unrepresentable: 'any',
      reused: 'inline',
      cycles: 'ref',
    }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    // Names first as the ids; a shape that differs from the one already registered under its id
    // (a request form with defaults optional, say) gets a twin named by its direction.
    const names = new Map(Object.keys(defs).map((id) => [id, id]));
    let rewritten = new Map<string, JsonSchema>();
    for (let round = 0; round < 4; round++) {
      rewritten = new Map(Object.entries(defs).map(([id, def]) => [id, this.rewrite(def, names) as JsonSchema]));
      let renamed = false;
      for (const [id, def] of rewritten) {
        const name = names.get(id) as string;
        const existing = this.schemas[name];
        if (existing === undefined || JSON.stringify(existing) === JSON.stringify(def)) continue;
        if (name !== id) throw new Error(`two different schemas want the component name ${name}`);
        names.set(id, `${id}${io === 'input' ? 'Input' : 'Output'}`);
        renamed = true;
      }
      if (!renamed) break;
    }
    for (const [id, def] of rewritten) this.schemas[names.get(id) as string] ??= def;
    return this.rewrite(json, names) as JsonSchema;
  }

  private rewrite(value: unknown, names: Map<string, string>): unknown {
    if (Array.isArray(value)) return value.map((item) => this.rewrite(item, names));
    if (value === null || typeof value !== 'object') return value;
    const out: JsonSchema = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
        const id = inner.slice('#/$defs/'.length);
        out[key] = `#/components/schemas/${names.get(id) ?? id}`;
      } else out[key] = this.rewrite(inner, names);
    }
    return out;
  }
}

function openapiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parameters(components: Components, schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = components.add(field, 'input');
    const description = typeof json.description === 'string' ? json.description : undefined;
    return {
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      schema: json,
      ...(description ? { description } : {}),
    };
  });
}

function errorStatuses(route: RouteSpec): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  const access: Access = route.access;
  if (access !== 'public') for (const status of [401, 403, 429]) statuses.add(status);
  if (route.throttle === 'address') statuses.add(429);
  return [...statuses].sort();
}

export function buildOpenApi(routes: RouteSpec[], info: { version: string }) {
  const components = new Components();
  const error = components.add(errorBody, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content = spec.schema
        ? { 'application/json': { schema: components.add(spec.schema, 'output') } }
        : spec.contentType
          ? { [spec.contentType]: {} }
          : undefined;
      responses[status] = { description: spec.description, ...(content ? { content } : {}) };
    }
    for (const status of errorStatuses(route)) {
      responses[String(status)] ??= {
        description: STATUS_TEXT[status] ?? 'error',
        content: { 'application/json': { schema: error } },
      };
    }
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      'x-attain-access': route.access,
      security: route.access === 'public' ? [] : [{ attainToken: [] }],
      parameters: [...parameters(components, route.params, 'path'), ...parameters(components, route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                [route.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
                  schema: components.add(route.body, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
    };
    const path = openapiPath(route.path);
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Attain API',
      version: info.version,
      description:
        'Commission statements, what-ifs, disputes, sync operations and administration for Attain. Every route but ' +
        'the public ones wants the short-lived RS256 token the org mints (Apex AttainTokenService, signed with the org’s certificate).',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'rep', description: 'a rep’s own pay data (managers: their team’s; ops and admins: anyone’s)' },
      { name: 'manager', description: 'team summaries' },
      { name: 'ops', description: 'Attain_Ops or Attain_Admin' },
      { name: 'admin', description: 'Attain_Admin' },
      { name: 'system', description: 'public' },
    ],
    paths,
    components: {
      securitySchemes: {
        attainToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (RS256, kid = certificate name; sub = user id, org, aud "attain", exp − iat ≤ 600 s)',
        },
      },
      schemas: components.schemas,
    },
  };
}
