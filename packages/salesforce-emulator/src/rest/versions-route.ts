/**
 * `GET /services/data` (the API versions, no session needed), `GET /services/data/vXX.X` (the
 * resources of a version) and `GET …/limits`.
 */
import { type Request, Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { identityUrl } from '../oauth/identity.js';
import { versionOf } from './query-route.js';

/** Lowest and highest versions listed by `GET /services/data`; any vNN.N from 20.0 up is served. */
export const FIRST_API_VERSION = 20;
export const LATEST_API_VERSION = '64.0';

/** `Winter '11` for 20.0, then Spring, Summer, Winter… one release per version. */
export function releaseLabel(major: number): string {
  const index = major - FIRST_API_VERSION;
  const season = (['Winter', 'Spring', 'Summer'] as const)[index % 3];
  const year = 11 + Math.floor(index / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionsList(): { label: string; url: string; version: string }[] {
  const latest = Number.parseInt(LATEST_API_VERSION, 10);
  const list = [];
  for (let major = FIRST_API_VERSION; major <= latest; major++) {
    list.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return list;
}

/** True for a path segment naming a version the emulator serves (`v62.0`). */
export function isServedVersion(segment: string): boolean {
  const match = /^v(\d{2,3})\.(\d)$/.exec(segment);
  return match !== null && Number(match[1]) >= FIRST_API_VERSION;
}

const RESOURCES = [
  'tooling',
  'metadata',
  'eclair',
  'folders',
  'prechatForms',
  'contact-tracing',
  'jsonxform',
  'tabs',
  'appMenu',
  'quickActions',
  'queryAll',
  'commerce',
  'wave',
  'iot',
  'analytics',
  'search',
  'smartdatadiscovery',
  'identity',
  'composite',
  'parameterizedSearch',
  'fingerprint',
  'theme',
  'nouns',
  'domino',
  'event',
  'serviceTemplates',
  'recent',
  'connect',
  'licensing',
  'limits',
  'process',
  'dedupe',
  'async-queries',
  'query',
  'jobs',
  'match',
  'localizedvalue',
  'mobile',
  'emailConnect',
  'compactLayouts',
  'knowledgeManagement',
  'sobjects',
  'actions',
  'support',
];

export function versionsRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });

  router.get('/', (req: Request, res) => {
    const version = versionOf(req);
    const body: Record<string, string> = {};
    for (const name of RESOURCES) {
      body[name] =
        name === 'identity'
          ? identityUrl({ baseUrl: ctx.baseUrl(), orgId: ctx.store.org.id, apiVersion: version }, ctx.currentUserId())
          : `/services/data/v${version}/${name}`;
    }
    res.json(body);
  });

  router.get('/limits', (_req, res) => {
    res.json(ctx.limits.report());
  });

  return router;
}
