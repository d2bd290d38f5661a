import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Principal } from '../../companies';
import {
  currentSelectors,
  extensionCors,
  extensionSummary,
  listOverrideEvents,
  overrideBody,
  overrideListQuery,
  recordOverride,
  recordStatus,
  seedBody,
  seedExtensionFixtures,
  statusQuery,
} from '../../extension';
import { syncNow } from '../../qbo';
import { requeueJob, requeueJobs } from '../../queue';
import { ServiceError } from '../../shared/errors';
import type { AppEnv } from '../context';
import { requireAdmin, requireCompanyAccess, requireUserToken } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody, parseQuery } from '../validate';

/** The extension is the accountant's tool: a user token, not the MMS key. */
function accountant(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (principal.kind !== 'user_token') throw new ServiceError('FORBIDDEN', "The extension's routes take an accountant's user token, not the MMS API key");
  return principal;
}

const jobIdParam = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ServiceError('VALIDATION_FAILED', `"${raw}" is not a job id`, { field: 'jobId' });
  return id;
};

const tag = 'Browser extension';
const base = '/v1/extension';
const co = `${base}/companies/{companyId}`;
documentRoute({ method: 'get', path: `${base}/status`, summary: 'Whether a QBO record (by realm, entity and id) is Sharper’s: document number, sync state with reason, drift, "Open in Sharper" link', tag, auth: 'user', query: statusQuery, responses: { 200: { description: '{ owned: false, reason } or the record and its state' } } });
documentRoute({ method: 'get', path: `${base}/summary`, summary: 'Per company the token sees: connection, last/next sync, counts per state, failed and held jobs, allowed actions', tag, auth: 'user', responses: { 200: { description: 'Companies' } } });
documentRoute({ method: 'get', path: `${base}/selectors`, summary: "The current list of QBO controls and shortcuts the extension intercepts (updates without an extension release)", tag, auth: 'user', responses: { 200: { description: 'Selector list' } } });
documentRoute({ method: 'post', path: `${base}/overrides`, summary: '"Edit anyway": record who changed which Sharper record in QBO, with which action', tag, auth: 'user', body: overrideBody, responses: { 201: { description: 'The stored event' } } });
documentRoute({ method: 'get', path: `${co}/overrides`, summary: '"Edit anyway" events, newest first', tag, auth: 'viewer', query: overrideListQuery, responses: { 200: { description: 'Events and the next cursor' } } });
documentRoute({ method: 'post', path: `${co}/jobs/{jobId}/requeue`, summary: 'Requeue one failed, held or waiting job (from the popup)', tag, auth: 'operator', responses: { 200: { description: 'Requeued or still blocked' } } });
documentRoute({ method: 'post', path: `${co}/jobs/requeue-failed`, summary: 'Requeue every failed job (from the popup)', tag, auth: 'operator', responses: { 200: { description: 'Requeued or still blocked' } } });
documentRoute({ method: 'post', path: `${co}/sync`, summary: 'Sync a QuickBooks Online company now (from the popup)', tag, auth: 'operator', responses: { 200: { description: 'What the run did' } } });
documentRoute({ method: 'post', path: `${base}/test-support/seed`, summary: 'Test harness only (TEST_SUPPORT=enabled, never in a deployment): fake a QBO sync run and drift for the browser tests', tag, auth: 'admin', body: seedBody, responses: { 200: { description: 'What was seeded' } } });

/** Routes the browser extension's background worker calls; CORS admits only the extension. */
export const extensionRoutes = new Hono<AppEnv>()
  .use('*', extensionCors())
  .get('/status', requireUserToken(), async (c) => c.json(await recordStatus({ ctx: c.get('ctx'), principal: accountant(c), input: parseQuery(c, statusQuery) })))
  .get('/summary', requireUserToken(), async (c) => c.json(await extensionSummary({ ctx: c.get('ctx'), principal: accountant(c) })))
  .get('/selectors', requireUserToken(), (c) => {
    accountant(c);
    return c.json(currentSelectors());
  })
  .post('/overrides', requireUserToken(), async (c) => {
    const principal = accountant(c);
    return c.json(await recordOverride({ ctx: c.get('ctx'), principal, input: await parseBody(c, overrideBody) }), 201);
  })
  .get('/companies/:companyId/overrides', requireCompanyAccess({ user: 'viewer' }), async (c) => {
    const q = parseQuery(c, overrideListQuery);
    return c.json(await listOverrideEvents({ ctx: c.get('ctx'), companyId: c.get('company').id, cursor: q.cursor, limit: q.limit }));
  })
  .post('/companies/:companyId/jobs/requeue-failed', requireCompanyAccess({ user: 'operator' }), async (c) =>
    c.json(await requeueJobs({ ctx: c.get('ctx'), companyId: c.get('company').id, filter: { state: ['failed'] } })),
  )
  .post('/companies/:companyId/jobs/:jobId/requeue', requireCompanyAccess({ user: 'operator' }), async (c) =>
    c.json(await requeueJob({ ctx: c.get('ctx'), companyId: c.get('company').id, jobId: jobIdParam(c.req.param('jobId')) })),
  )
  .post('/companies/:companyId/sync', requireCompanyAccess({ user: 'operator' }), async (c) => c.json(await syncNow({ ctx: c.get('ctx'), companyId: c.get('company').id })))
  .post('/test-support/seed', async (c, next) => {
    // Absent, not forbidden, outside the test harness: a deployment has no such route.
    if (!c.get('ctx').config.testSupport) return c.notFound();
    await next();
  }, requireAdmin(), async (c) => c.json(await seedExtensionFixtures({ ctx: c.get('ctx'), input: await parseBody(c, seedBody) })));
