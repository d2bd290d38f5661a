import { Hono } from 'hono';
import { companyQwc, qbdConnectionStatus, qwcQuerySchema, setQbdPassword, setQbdPasswordSchema, unbindQbdFile } from '../../qbd';
import type { AppEnv } from '../context';
import { requireCompanyAccess } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody, parseQuery } from '../validate';

const base = '/v1/companies/{companyId}/qbd';
documentRoute({ method: 'put', path: `${base}/password`, summary: 'Set the Web Connector password (stored hashed; never shown again)', tag: 'QuickBooks Desktop', auth: 'operator', body: setQbdPasswordSchema, responses: { 200: { description: 'The Web Connector user name' } } });
documentRoute({ method: 'get', path: `${base}/connection.qwc`, summary: 'Download the company\'s .qwc file for the Web Connector', tag: 'QuickBooks Desktop', auth: 'operator', query: qwcQuerySchema, responses: { 200: { description: '.qwc file', contentType: 'application/x-qwc' } } });
documentRoute({ method: 'get', path: `${base}/status`, summary: 'Web Connector connection status: password set, bound company file, last run', tag: 'QuickBooks Desktop', auth: 'operator', responses: { 200: { description: 'Status' } } });
documentRoute({ method: 'delete', path: `${base}/company-file`, summary: 'Forget the bound QuickBooks company file (the next run binds again)', tag: 'QuickBooks Desktop', auth: 'operator', responses: { 200: { description: 'Status' } } });

export const qbdSettingsRoutes = new Hono<AppEnv>()
  .use(requireCompanyAccess({ user: 'operator' }))
  .put('/password', async (c) => {
    const { password } = await parseBody(c, setQbdPasswordSchema);
    return c.json(await setQbdPassword({ ctx: c.get('ctx'), companyId: c.get('company').id, password }));
  })
  .get('/connection.qwc', async (c) => {
    const { everyMinutes } = parseQuery(c, qwcQuerySchema);
    const company = c.get('company');
    const qwc = await companyQwc({ ctx: c.get('ctx'), companyId: company.id, companyName: company.name, origin: new URL(c.req.url).origin, everyMinutes });
    return c.body(qwc, 200, { 'content-type': 'application/x-qwc', 'content-disposition': `attachment; filename="sharper-sync-${company.id}.qwc"` });
  })
  .get('/status', async (c) => c.json(await qbdConnectionStatus({ ctx: c.get('ctx'), companyId: c.get('company').id })))
  .delete('/company-file', async (c) => c.json(await unbindQbdFile({ ctx: c.get('ctx'), companyId: c.get('company').id })));
