import { Hono } from 'hono';
import { companyView, updateCompanySettings, updateCompanySettingsSchema } from '../../companies';
import { findCompany } from '../../db/companies';
import type { AppEnv } from '../context';
import { requireCompanyAccess, requireUserToken } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody } from '../validate';

documentRoute({ method: 'get', path: '/v1/companies', summary: 'The companies this user token can see (for "test connection")', tag: 'Companies', auth: 'user', responses: { 200: { description: 'Companies with the caller\'s role' } } });
documentRoute({ method: 'get', path: '/v1/companies/{companyId}', summary: 'A company and its settings', tag: 'Companies', auth: 'viewer', responses: { 200: { description: 'The company' } } });
documentRoute({ method: 'patch', path: '/v1/companies/{companyId}/settings', summary: 'Change the closing date, account/item mappings or the "Open in Sharper" link', tag: 'Companies', auth: 'operator', body: updateCompanySettingsSchema, responses: { 200: { description: 'The updated company' } } });

export const companyRoutes = new Hono<AppEnv>()
  .get('/', requireUserToken(), async (c) => {
    const principal = c.get('principal');
    const company = 'companyId' in principal ? await findCompany(c.get('ctx').db, principal.companyId) : undefined;
    return c.json({
      companies: company ? [{ ...companyView(company), role: 'role' in principal ? principal.role : null }] : [],
    });
  })
  .get('/:companyId', requireCompanyAccess({ user: 'viewer' }), (c) => c.json(companyView(c.get('company'))))
  .patch('/:companyId/settings', requireCompanyAccess({ user: 'operator' }), async (c) => {
    const input = await parseBody(c, updateCompanySettingsSchema);
    return c.json(await updateCompanySettings({ ctx: c.get('ctx'), companyId: c.get('company').id, input }));
  });
