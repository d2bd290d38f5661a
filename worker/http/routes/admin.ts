import { Hono } from 'hono';
import { z } from 'zod';
import {
  createCompany,
  createCompanySchema,
  issueCredential,
  issueMmsKeySchema,
  issueUserTokenSchema,
  listCompanyCredentials,
  revokeCompanyCredential,
  companyView,
} from '../../companies';
import { findCompany, listCompanies } from '../../db/companies';
import { notFound } from '../../shared/errors';
import type { AppEnv } from '../context';
import { requireAdmin } from '../middleware/auth';
import { documentRoute } from '../openapi-registry';
import { parseBody } from '../validate';

const issuedSchema = z.object({
  id: z.string(),
  kind: z.enum(['mms_key', 'user_token']),
  role: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  secret: z.string().describe('Shown once; only its hash is stored'),
});

documentRoute({ method: 'post', path: '/v1/admin/companies', summary: 'Create a company (one Sharper outlet with its own books)', tag: 'Admin', auth: 'admin', body: createCompanySchema, responses: { 201: { description: 'Created' } } });
documentRoute({ method: 'get', path: '/v1/admin/companies', summary: 'List companies', tag: 'Admin', auth: 'admin', responses: { 200: { description: 'Companies' } } });
documentRoute({ method: 'post', path: '/v1/admin/companies/{companyId}/mms-keys', summary: "Issue an MMS API key for Sharper's servers", tag: 'Admin', auth: 'admin', body: issueMmsKeySchema, responses: { 201: { description: 'Issued', schema: issuedSchema } } });
documentRoute({ method: 'post', path: '/v1/admin/companies/{companyId}/user-tokens', summary: 'Issue a user token for an accountant (viewer or operator)', tag: 'Admin', auth: 'admin', body: issueUserTokenSchema, responses: { 201: { description: 'Issued', schema: issuedSchema } } });
documentRoute({ method: 'get', path: '/v1/admin/companies/{companyId}/credentials', summary: "List a company's credentials (never their secrets)", tag: 'Admin', auth: 'admin', responses: { 200: { description: 'Credentials' } } });
documentRoute({ method: 'delete', path: '/v1/admin/companies/{companyId}/credentials/{credentialId}', summary: 'Revoke a credential', tag: 'Admin', auth: 'admin', responses: { 204: { description: 'Revoked' } } });

async function existingCompany(c: { get: (k: 'ctx') => AppEnv['Variables']['ctx'] }, companyId: string) {
  const company = await findCompany(c.get('ctx').db, companyId);
  if (!company) throw notFound(`Company ${companyId}`);
  return company;
}

export const adminRoutes = new Hono<AppEnv>()
  .use(requireAdmin())
  .post('/companies', async (c) => {
    const input = await parseBody(c, createCompanySchema);
    return c.json(await createCompany({ ctx: c.get('ctx'), input }), 201);
  })
  .get('/companies', async (c) => c.json({ companies: (await listCompanies(c.get('ctx').db)).map(companyView) }))
  .post('/companies/:companyId/mms-keys', async (c) => {
    const company = await existingCompany(c, c.req.param('companyId'));
    const input = await parseBody(c, issueMmsKeySchema);
    return c.json(await issueCredential({ ctx: c.get('ctx'), companyId: company.id, kind: 'mms_key', label: input.label }), 201);
  })
  .post('/companies/:companyId/user-tokens', async (c) => {
    const company = await existingCompany(c, c.req.param('companyId'));
    const input = await parseBody(c, issueUserTokenSchema);
    return c.json(await issueCredential({ ctx: c.get('ctx'), companyId: company.id, kind: 'user_token', label: input.label, role: input.role }), 201);
  })
  .get('/companies/:companyId/credentials', async (c) => {
    const company = await existingCompany(c, c.req.param('companyId'));
    return c.json({ credentials: await listCompanyCredentials(c.get('ctx').db, company.id) });
  })
  .delete('/companies/:companyId/credentials/:credentialId', async (c) => {
    await revokeCompanyCredential({ ctx: c.get('ctx'), companyId: c.req.param('companyId'), credentialId: c.req.param('credentialId') });
    return c.body(null, 204);
  });
