import type { z } from 'zod';

export type RouteAuth = 'admin' | 'mms' | 'mms-or-viewer' | 'viewer' | 'operator' | 'user' | 'none';

/** One documented route; validators and this document share the same zod schemas. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: /v1/companies/{companyId}. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

const registry: RouteDoc[] = [];

export function documentRoute(doc: RouteDoc): RouteDoc {
  registry.push(doc);
  return doc;
}

export function documentedRoutes(): readonly RouteDoc[] {
  return registry;
}
