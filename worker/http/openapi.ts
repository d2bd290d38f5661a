import { z } from 'zod';
import { documentedRoutes, type RouteAuth } from './openapi-registry';

const securityFor: Record<RouteAuth, { [scheme: string]: string[] }[]> = {
  admin: [{ adminToken: [] }],
  mms: [{ mmsKey: [] }],
  'mms-or-viewer': [{ mmsKey: [] }, { userToken: [] }],
  viewer: [{ userToken: [] }],
  operator: [{ userToken: [] }],
  user: [{ userToken: [] }],
  none: [],
};

const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('UPPER_SNAKE machine-readable code, e.g. VALIDATION_FAILED, CLOSED_PERIOD, NOT_FOUND'),
    message: z.string(),
    field: z.string().optional().describe('Path of the offending field in the request'),
    record: z.object({ kind: z.string(), id: z.string() }).optional(),
    details: z.unknown().optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** The OpenAPI 3 document, built from the route registry and its zod schemas. */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of documentedRoutes()) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query ? jsonSchema(r.query, 'input') : undefined;
    const queryParams = query && typeof query === 'object' && 'properties' in query
      ? Object.entries(query.properties as Record<string, object>).map(([name, schema]) => ({
          name,
          in: 'query',
          required: ((query as { required?: string[] }).required ?? []).includes(name),
          schema,
        }))
      : [];
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema && { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }),
      };
    }
    responses.default = { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } } };
    paths[r.path] = {
      ...(paths[r.path] ?? {}),
      [r.method]: {
        summary: r.summary,
        tags: [r.tag],
        security: securityFor[r.auth],
        parameters: [...params, ...queryParams],
        ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sharper Sync API',
      version: '1',
      description:
        'Sharper (the marina management system) pushes accounts-receivable records here; accountants read the Accounting Sync log. ' +
        'Money is sent as decimal strings ("125.00"); fractions of a cent are refused.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'The Worker secret ADMIN_TOKEN' },
        mmsKey: { type: 'http', scheme: 'bearer', description: "A company's MMS API key (shp_mms_…)" },
        userToken: { type: 'http', scheme: 'bearer', description: "An accountant's user token (shp_usr_…), role viewer or operator" },
      },
    },
    paths,
  };
}
