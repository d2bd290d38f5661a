import { Hono } from 'hono';
import { z } from 'zod';
import { jobStates, jobTypes, recordKinds } from '../../db/schema/enums';
import { exportSyncLogCsv, getJobCounts, getJobDetail, listSyncLog, requeueJob, requeueJobs, type JobFilter } from '../../queue';
import { ServiceError } from '../../shared/errors';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody, parseQuery } from '../validate';

/** "a,b" → ["a","b"], each checked against the allowed values. */
const csvEnum = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { message: `${name} must be one of ${values.join(', ')}` })))
    .describe(`Comma-separated: ${values.join(', ')}`);

const dateOrTime = z.union([z.iso.date(), z.iso.datetime()], { message: 'expected YYYY-MM-DD or an ISO date-time' });

const filterFields = {
  type: csvEnum(jobTypes, 'type').optional(),
  state: csvEnum(jobStates, 'state').optional(),
  kind: csvEnum(recordKinds, 'kind').optional(),
  sourceId: z.string().max(64).optional().describe("Sharper's id of the record"),
  docNumber: z.string().max(64).optional(),
  from: dateOrTime.optional().describe('Jobs last changed on or after'),
  to: dateOrTime.optional().describe('Jobs last changed on or before'),
  q: z.string().max(200).optional().describe('Text in the message, document number, name or Sharper id'),
};

export const jobListQuery = z
  .object({
    ...filterFields,
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const jobExportQuery = z.object(filterFields).strict();

export const requeueBody = z
  .object({
    ...filterFields,
    type: z.array(z.enum(jobTypes)).optional(),
    state: z.array(z.enum(['failed', 'held', 'waiting'])).optional(),
    kind: z.array(z.enum(recordKinds)).optional(),
    ids: z.array(z.int().positive()).max(1000).optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), 'name at least one filter (ids, type, state, …); an empty filter would requeue everything');

const jobIdParam = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ServiceError('VALIDATION_FAILED', `"${raw}" is not a job id`, { field: 'jobId' });
  return id;
};

const checkRange = (f: JobFilter) => {
  if (f.from && f.to && f.from > f.to) throw new ServiceError('VALIDATION_FAILED', 'from is after to', { field: 'from' });
  return f;
};

const base = '/v1/companies/{companyId}/jobs';
documentRoute({ method: 'get', path: base, summary: 'The Accounting Sync log: jobs newest first, filtered, cursor-paged', tag: 'Sync log', auth: 'viewer', query: jobListQuery, responses: { 200: { description: 'A page of jobs and the next cursor' } } });
documentRoute({ method: 'get', path: `${base}/counts`, summary: 'Job counts per state and type, and the age of the oldest pending job', tag: 'Sync log', auth: 'viewer', responses: { 200: { description: 'Counts' } } });
documentRoute({ method: 'get', path: `${base}/export.csv`, summary: 'The log as CSV (same filters)', tag: 'Sync log', auth: 'viewer', query: jobExportQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } } });
documentRoute({ method: 'get', path: `${base}/{jobId}`, summary: 'One job: the record as sent, attempt history, what it waits for', tag: 'Sync log', auth: 'viewer', responses: { 200: { description: 'Job detail' } } });
documentRoute({ method: 'post', path: `${base}/{jobId}/requeue`, summary: 'Requeue one failed, held or waiting job', tag: 'Sync log', auth: 'operator', responses: { 200: { description: 'Requeued or still blocked, with why' } } });
documentRoute({ method: 'post', path: `${base}/requeue`, summary: `Requeue every failed, held or waiting job matching a filter (up to 1000 per call)`, tag: 'Sync log', auth: 'operator', body: requeueBody, responses: { 200: { description: 'How many were requeued, and which are still blocked' } } });

export const jobRoutes = new Hono<AppEnv>()
  .get('/', requireCompanyAccess({ user: 'viewer' }), async (c) => {
    const { cursor, limit, ...filter } = parseQuery(c, jobListQuery);
    return c.json(await listSyncLog({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: checkRange(filter), cursor, limit }));
  })
  .get('/counts', requireCompanyAccess({ user: 'viewer' }), async (c) =>
    c.json(await getJobCounts({ ctx: c.get('ctx'), companyId: c.get('company').id, now: c.get('ctx').now })),
  )
  .get('/export.csv', requireCompanyAccess({ user: 'viewer' }), async (c) => {
    const filter = checkRange(parseQuery(c, jobExportQuery));
    const csv = await exportSyncLogCsv({ ctx: c.get('ctx'), companyId: c.get('company').id, filter });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="accounting-sync-${c.get('company').id}.csv"`,
    });
  })
  .post('/requeue', requireCompanyAccess({ user: 'operator' }), async (c) => {
    const filter = await parseBody(c, requeueBody);
    return c.json(await requeueJobs({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: checkRange(filter) }));
  })
  .get('/:jobId', requireCompanyAccess({ user: 'viewer' }), async (c) =>
    c.json(await getJobDetail({ ctx: c.get('ctx'), companyId: c.get('company').id, jobId: jobIdParam(c.req.param('jobId')) })),
  )
  .post('/:jobId/requeue', requireCompanyAccess({ user: 'operator' }), async (c) =>
    c.json(await requeueJob({ ctx: c.get('ctx'), companyId: c.get('company').id, jobId: jobIdParam(c.req.param('jobId')) })),
  );
