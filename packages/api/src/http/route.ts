/**
 * One route = one declaration: method, path, who may call it, the zod schemas of its parameters,
 * query, body and responses, and its handler. The same declarations mount the express routes
 * (`http/mount.ts`) and generate the OpenAPI document (`openapi.ts`), so the document lists exactly
 * the routes that exist and describes exactly what they check.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { ApiServices } from '../services/api-services.js';

/** `public`: no token; `user`: any valid token (row-level checks in the handler); `ops`, `admin`: by permission set. */
export type Access = 'public' | 'user' | 'ops' | 'admin';
export type Method = 'get' | 'post' | 'put' | 'delete';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface HandlerContext<A extends Access, P, Q, B> {
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  principal: A extends 'public' ? null : Principal;
  api: ApiServices;
  req: Request;
  res: Response;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** A non-JSON body (the metrics text, the dashboard's HTML). */
  contentType?: string;
}

export interface RouteSpec<
  A extends Access = Access,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: Method;
  /** Express syntax: `/api/reps/:repId/statements/:period`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'system' | 'rep' | 'manager' | 'ops' | 'admin';
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** `application/x-www-form-urlencoded` instead of JSON (the Canvas signed request). */
  form?: boolean;
  /** `address`: a public route counted against its client address's rate limit (before its body is read). */
  throttle?: 'address';
  /** Largest accepted body (default 32 kB); imports of every assignment or quota take more. */
  bodyLimit?: string;
  responses: Record<number, ResponseSpec>;
  /** Documented here, served by a router of its own (the queue dashboard): not mounted by `mountRoutes`. */
  mountedElsewhere?: boolean;
  /** Failure statuses beyond those every route of its access can give (400, 401, 403, 413, 415, 429). */
  errors?: number[];
  handle(context: HandlerContext<A, P, Q, B>): Promise<RouteResult | 'handled'>;
}

/** Declares a route with its types inferred from the schemas. */
export function route<
  A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
