import { Hono } from 'hono';
import { z } from 'zod';
import { recordKinds } from '../../db/schema/enums';
import { driftStatuses } from '../../db/schema/qbo-drift';
import { acknowledgeDrift, listDrift, restoreDrift } from '../../qbo';
import { ServiceError } from '../../shared/errors';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody, parseQuery } from '../validate';

const driftListQuery = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(driftStatuses, { message: `status must be one of ${driftStatuses.join(', ')}` })))
      .optional()
      .describe(`Comma-separated: ${driftStatuses.join(', ')}`),
    kind: z.enum(recordKinds).optional(),
    sourceId: z.string().max(64).optional().describe("Sharper's id of the record"),
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const acknowledgeBody = z.object({ note: z.string().trim().max(500).optional() }).strict();

const driftIdParam = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ServiceError('VALIDATION_FAILED', `"${raw}" is not a drift entry id`, { field: 'driftId' });
  return id;
};

const base = '/v1/companies/{companyId}/qbo/drift';
documentRoute({ method: 'get', path: base, summary: 'Edits made in QuickBooks Online to records Sharper owns, newest first, with a field-level diff', tag: 'QuickBooks Online', auth: 'viewer', query: driftListQuery, responses: { 200: { description: 'A page of drift entries and the next cursor' } } });
documentRoute({ method: 'post', path: `${base}/{driftId}/restore`, summary: "Restore Sharper's version: the record is queued to be sent again (re-created if it was deleted)", tag: 'QuickBooks Online', auth: 'operator', responses: { 200: { description: 'The closed entry and the job that re-sends the record' }, 409: { description: 'Already restored or acknowledged' } } });
documentRoute({ method: 'post', path: `${base}/{driftId}/acknowledge`, summary: "Acknowledge: QuickBooks keeps its version and the entry is closed", tag: 'QuickBooks Online', auth: 'operator', body: acknowledgeBody, responses: { 200: { description: 'The closed entry' }, 409: { description: 'Already restored or acknowledged' } } });

/** Mounted under /v1/companies/:companyId/qbo/drift. */
export const qboDriftRoutes = new Hono<AppEnv>()
  .get('/', requireCompanyAccess({ user: 'viewer' }), async (c) =>
    c.json(await listDrift({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: parseQuery(c, driftListQuery) })),
  )
  .post('/:driftId/restore', requireCompanyAccess({ user: 'operator' }), async (c) =>
    c.json(await restoreDrift({ ctx: c.get('ctx'), companyId: c.get('company').id, driftId: driftIdParam(c.req.param('driftId')) })),
  )
  .post('/:driftId/acknowledge', requireCompanyAccess({ user: 'operator' }), async (c) => {
    const body = (await c.req.text()).trim() === '' ? {} : await parseBody(c, acknowledgeBody);
    return c.json(await acknowledgeDrift({ ctx: c.get('ctx'), companyId: c.get('company').id, driftId: driftIdParam(c.req.param('driftId')), note: body.note }));
  });
