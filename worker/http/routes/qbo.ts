import { Hono } from 'hono';
import { z } from 'zod';
import { disconnect, qboStatus, startConnect, syncNow } from '../../qbo';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseQuery } from '../validate';
import { qboDriftRoutes } from './qbo-drift';

const connectQuery = z.object({ environment: z.enum(['sandbox', 'production']).default('production'), format: z.enum(['redirect', 'json']).default('redirect') }).strict();

const base = '/v1/companies/{companyId}/qbo';
documentRoute({ method: 'get', path: base, summary: 'QuickBooks Online health: connection, reconnect needed, last run, metered reads this month, open drift', tag: 'QuickBooks Online', auth: 'viewer', responses: { 200: { description: 'Status' } } });
documentRoute({ method: 'get', path: `${base}/connect`, summary: "Start connecting: redirects to Intuit's consent page with a signed, single-use state", tag: 'QuickBooks Online', auth: 'operator', query: connectQuery, responses: { 200: { description: 'With format=json: the authorize URL' } } });
documentRoute({ method: 'post', path: `${base}/disconnect`, summary: 'Revoke the grant at Intuit and forget the tokens', tag: 'QuickBooks Online', auth: 'operator', responses: { 200: { description: 'Disconnected' } } });
documentRoute({ method: 'post', path: `${base}/sync`, summary: 'Sync now (refused within the minimum interval after the last run)', tag: 'QuickBooks Online', auth: 'operator', responses: { 200: { description: 'What the run did' } } });

export const qboRoutes = new Hono<AppEnv>()
  .get('/', requireCompanyAccess({ user: 'viewer' }), async (c) => c.json(await qboStatus({ ctx: c.get('ctx'), companyId: c.get('company').id })))
  .get('/connect', requireCompanyAccess({ user: 'operator' }), async (c) => {
    const q = parseQuery(c, connectQuery);
    const started = await startConnect({ ctx: c.get('ctx'), companyId: c.get('company').id, environment: q.environment, origin: new URL(c.req.url).origin });
    return q.format === 'json' ? c.json(started) : c.redirect(started.authorizeUrl, 302);
  })
  .post('/disconnect', requireCompanyAccess({ user: 'operator' }), async (c) => c.json(await disconnect({ ctx: c.get('ctx'), companyId: c.get('company').id })))
  .post('/sync', requireCompanyAccess({ user: 'operator' }), async (c) => c.json(await syncNow({ ctx: c.get('ctx'), companyId: c.get('company').id })))
  .route('/drift', qboDriftRoutes);
