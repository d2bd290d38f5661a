import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { recordKinds } from '../../db/schema/enums';
import { getRecord, ingestRecords, kindFromSlug, recordKindSlugs, recordKindSpecs, type IngestOperation, type IngestResult, type RecordKindSpec } from '../../ledger';
import { httpStatusOf, ServiceError } from '../../shared/errors';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { readJson, zodFailure } from '../validate';

export const MAX_BULK_RECORDS = 1_000;

const sourceIdParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);

export const bulkSchema = z
  .object({
    records: z
      .array(
        z
          .object({
            kind: z.enum(recordKinds),
            id: sourceIdParam,
            op: z.enum(['upsert', 'void', 'delete']).default('upsert'),
            data: z.unknown().optional().describe('The record body, as for the single-record PUT of its kind'),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_BULK_RECORDS, `at most ${MAX_BULK_RECORDS} records per request`),
  })
  .strict();

const ingestResultSchema = z.object({
  ok: z.boolean(),
  kind: z.string(),
  id: z.string(),
  status: z.number().describe('The HTTP status this record alone would have had'),
  outcome: z.enum(['created', 'updated', 'unchanged', 'voided', 'deleted']).optional(),
  version: z.number().optional(),
  job: z.object({ id: z.number(), type: z.string(), state: z.string(), message: z.string().nullable() }).nullable().optional(),
  error: z.object({ code: z.string(), field: z.string().optional(), message: z.string() }).optional(),
});

for (const spec of Object.values(recordKindSpecs)) {
  const path = `/v1/companies/{companyId}/records/${spec.slug}/{id}`;
  documentRoute({ method: 'put', path, summary: `Create or change a ${spec.label} (idempotent: identical content is a no-op)`, tag: 'Records', auth: 'mms', body: spec.schema, responses: { 200: { description: 'Updated or unchanged', schema: ingestResultSchema }, 201: { description: 'Created', schema: ingestResultSchema } } });
  documentRoute({ method: 'get', path, summary: `Read a ${spec.label} and its sync state`, tag: 'Records', auth: 'mms-or-viewer', responses: { 200: { description: 'The record' } } });
  documentRoute({ method: 'delete', path, summary: `Delete a ${spec.label} (queues a delete in QuickBooks)`, tag: 'Records', auth: 'mms', responses: { 200: { description: 'Deleted', schema: ingestResultSchema } } });
  if (spec.voidable) {
    documentRoute({ method: 'post', path: `${path}/void`, summary: `Void a ${spec.label}`, tag: 'Records', auth: 'mms', responses: { 200: { description: 'Voided', schema: ingestResultSchema } } });
  }
}
documentRoute({ method: 'post', path: '/v1/companies/{companyId}/records/bulk', summary: `Upsert, void or delete up to ${MAX_BULK_RECORDS} records; one bad record does not sink the others`, tag: 'Records', auth: 'mms', body: bulkSchema, responses: { 200: { description: 'Per-record results in request order', schema: z.object({ results: z.array(ingestResultSchema), summary: z.record(z.string(), z.number()) }) } } });

function specOf(slug: string): RecordKindSpec {
  const spec = kindFromSlug(slug);
  if (!spec) throw new ServiceError('NOT_FOUND', `Unknown record kind "${slug}"; use one of ${recordKindSlugs.join(', ')}`, { field: 'kind' });
  return spec;
}

function idOf(raw: string, spec: RecordKindSpec): string {
  if (!sourceIdParam.safeParse(raw).success) {
    throw new ServiceError('VALIDATION_FAILED', `"${raw}" is not a valid Sharper id: use 1–64 letters, digits, ".", "_", ":" or "-"`, { field: 'id', record: { kind: spec.kind, id: raw } });
  }
  return raw;
}

function statusOf(r: IngestResult): number {
  if (!r.ok) return httpStatusOf[r.error.code];
  return r.outcome === 'created' ? 201 : 200;
}

function present(r: IngestResult) {
  return { ...r, status: statusOf(r) };
}

/** One record through the same path as bulk; a rejected record answers with its own error. */
async function single(c: Context<AppEnv>, op: IngestOperation) {
  const [result] = await ingestRecords({ ctx: c.get('ctx'), input: { company: c.get('company'), operations: [op] } });
  if (!result.ok) {
    throw new ServiceError(result.error.code, `${recordKindSpecs[op.kind].label} ${op.id}: ${result.error.message}`, {
      field: result.error.field,
      record: { kind: op.kind, id: op.id },
      details: result.error.violations ? { violations: result.error.violations } : undefined,
    });
  }
  return c.json(present(result), statusOf(result) as 200 | 201);
}

export const recordRoutes = new Hono<AppEnv>()
  .post('/bulk', requireCompanyAccess({ mms: true }), async (c) => {
    const raw = await readJson(c);
    if (raw && typeof raw === 'object' && Array.isArray((raw as { records?: unknown }).records) && (raw as { records: unknown[] }).records.length > MAX_BULK_RECORDS) {
      throw new ServiceError('PAYLOAD_TOO_LARGE', `records has ${(raw as { records: unknown[] }).records.length} entries; send at most ${MAX_BULK_RECORDS} per request`, { field: 'records' });
    }
    const parsed = bulkSchema.safeParse(raw);
    if (!parsed.success) throw zodFailure(parsed.error, 'body');
    const results = await ingestRecords({ ctx: c.get('ctx'), input: { company: c.get('company'), operations: parsed.data.records } });
    const summary: Record<string, number> = { accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, voided: 0, deleted: 0 };
    for (const r of results) {
      if (r.ok) {
        summary.accepted++;
        summary[r.outcome]++;
      } else summary.rejected++;
    }
    return c.json({ results: results.map(present), summary });
  })
  .put('/:kind/:id', requireCompanyAccess({ mms: true }), async (c) => {
    const spec = specOf(c.req.param('kind'));
    const id = idOf(c.req.param('id'), spec);
    return single(c, { kind: spec.kind, id, op: 'upsert', data: await readJson(c) });
  })
  .post('/:kind/:id/void', requireCompanyAccess({ mms: true }), async (c) => {
    const spec = specOf(c.req.param('kind'));
    return single(c, { kind: spec.kind, id: idOf(c.req.param('id'), spec), op: 'void' });
  })
  .delete('/:kind/:id', requireCompanyAccess({ mms: true }), async (c) => {
    const spec = specOf(c.req.param('kind'));
    return single(c, { kind: spec.kind, id: idOf(c.req.param('id'), spec), op: 'delete' });
  })
  .get('/:kind/:id', requireCompanyAccess({ mms: true, user: 'viewer' }), async (c) => {
    const spec = specOf(c.req.param('kind'));
    return c.json(await getRecord({ ctx: c.get('ctx'), companyId: c.get('company').id, kind: spec.kind, id: idOf(c.req.param('id'), spec) }));
  });
