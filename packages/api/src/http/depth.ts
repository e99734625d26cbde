/**
 * How deep a JSON request body may nest. The zod schemas (the recursive plan filter) and the engine
 * walk bodies recursively, so a body thousands of levels deep would exhaust the stack: it is
 * refused here first, walked without recursion. Nothing the API takes needs more than about 70
 * levels (a plan filter at the engine's limit of 32 levels of `all: [...]`, inside a plan body), and
 * filters between that limit and this one are left to the engine, which names them
 * `filter_too_deep`.
 */
import { MAX_FILTER_DEPTH } from '@attain/engine';
import type { ApiIssue } from '../errors.js';

export const MAX_BODY_DEPTH = 100;

/** The first place where `value` nests deeper than `limit` (objects and arrays count one level each), or null. */
export function tooDeep(value: unknown, limit = MAX_BODY_DEPTH): ApiIssue | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: node, path } = pending.pop() as { value: unknown; path: (string | number)[] };
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= limit) {
      return {
        in: 'body',
        code: 'too_deep',
        path,
        message:
          `the body nests more than ${limit} levels deep here; nothing this API takes needs that ` +
          `(plan filters nest at most ${MAX_FILTER_DEPTH} levels): flatten it`,
      };
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) pending.push({ value: item, path: [...path, index] });
    } else for (const [key, item] of Object.entries(node)) pending.push({ value: item, path: [...path, key] });
  }
  return null;
}
