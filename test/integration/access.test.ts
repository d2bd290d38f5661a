import { describe, expect, it } from 'vitest';
import { ADMIN, api, invoice, put, seedLists, setupCompany } from './helpers';

/** Every company-scoped route, with a body where it needs one. */
const companyRoutes: [string, string, unknown?][] = [
  ['GET', ''],
  ['PATCH', '/settings', { closingDate: '2026-01-31' }],
  ['PUT', '/records/customers/C-1', { name: 'Mallory' }],
  ['GET', '/records/invoices/INV-1'],
  ['POST', '/records/invoices/INV-1/void'],
  ['DELETE', '/records/invoices/INV-1'],
  ['POST', '/records/bulk', { records: [{ kind: 'customer', id: 'C-9', data: { name: 'Mallory' } }] }],
  ['GET', '/jobs'],
  ['GET', '/jobs/counts'],
  ['GET', '/jobs/export.csv'],
  ['GET', '/jobs/1'],
  ['POST', '/jobs/1/requeue'],
  ['POST', '/jobs/requeue', { state: ['failed'] }],
];

describe('tenant isolation and roles', () => {
  it("answers another company's credentials exactly as for a company that does not exist", async () => {
    const victim = await setupCompany({ name: 'Victim Marina' });
    await seedLists(victim);
    await put(victim, 'invoices', 'INV-1', invoice());
    const attacker = await setupCompany({ name: 'Other Marina' });
    for (const [method, suffix, body] of companyRoutes) {
      for (const token of [attacker.mms, attacker.viewer, attacker.operator]) {
        const real = await api(method, `/v1/companies/${victim.id}${suffix}`, { token, body });
        const fake = await api(method, `/v1/companies/cmp_doesnotexist${suffix}`, { token, body });
        expect(`${method} ${suffix} ${real.status}`).toBe(`${method} ${suffix} 404`);
        expect(real.json.error.code).toBe('NOT_FOUND');
        expect(real.json.error.message.replace(victim.id, 'X')).toBe(fake.json.error.message.replace('cmp_doesnotexist', 'X'));
      }
    }
    // And nothing of the victim's changed.
    const read = await api('GET', `/v1/companies/${victim.id}/records/invoices/INV-1`, { token: victim.mms });
    expect(read.json).toMatchObject({ version: 1, status: 'active' });
    const company = await api('GET', `/v1/companies/${victim.id}`, { token: victim.viewer });
    expect(company.json.closingDate).toBeNull();
  });

  it('requires a valid token everywhere', async () => {
    const co = await setupCompany();
    for (const [method, suffix, body] of companyRoutes) {
      const none = await api(method, `/v1/companies/${co.id}${suffix}`, { body });
      expect(none.status).toBe(401);
      const wrong = await api(method, `/v1/companies/${co.id}${suffix}`, { token: 'shp_usr_not-a-real-token', body });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.code).toBe('UNAUTHORIZED');
    }
    expect((await api('GET', '/v1/admin/companies', { token: co.operator })).status).toBe(401);
    expect((await api('GET', '/v1/admin/companies')).status).toBe(401);
  });

  it('lets viewers read, operators act, and keeps the MMS key to records', async () => {
    const co = await setupCompany();
    const viewerPatch = await api('PATCH', `/v1/companies/${co.id}/settings`, { token: co.viewer, body: { closingDate: '2026-01-31' } });
    expect(viewerPatch.status).toBe(403);
    expect(viewerPatch.json.error.message).toContain('operator');
    expect((await api('POST', `/v1/companies/${co.id}/jobs/requeue`, { token: co.viewer, body: { state: ['failed'] } })).status).toBe(403);
    expect((await api('GET', `/v1/companies/${co.id}/jobs`, { token: co.viewer })).status).toBe(200);
    expect((await api('GET', `/v1/companies/${co.id}/jobs`, { token: co.mms })).status).toBe(403);
    expect((await put({ ...co, mms: co.operator }, 'customers', 'C-1', { name: 'x' })).status).toBe(403);
    expect((await api('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { closingDate: '2026-01-31' } })).status).toBe(200);
  });

  it('stops a revoked key at once, and lists credentials without secrets', async () => {
    const co = await setupCompany();
    const creds = await api('GET', `/v1/admin/companies/${co.id}/credentials`, { token: ADMIN });
    expect(creds.json.credentials).toHaveLength(3);
    expect(JSON.stringify(creds.json)).not.toContain(co.mms);
    const mmsCred = creds.json.credentials.find((c: any) => c.kind === 'mms_key');
    expect((await api('DELETE', `/v1/admin/companies/${co.id}/credentials/${mmsCred.id}`, { token: ADMIN })).status).toBe(204);
    expect((await put(co, 'customers', 'C-1', { name: 'x' })).status).toBe(401);
  });

  it('shows a user token only its own company', async () => {
    const a = await setupCompany({ name: 'A Marina' });
    await setupCompany({ name: 'B Marina' });
    const seen = await api('GET', '/v1/companies', { token: a.operator });
    expect(seen.json.companies).toEqual([expect.objectContaining({ id: a.id, name: 'A Marina', role: 'operator' })]);
  });

  it('validates company creation', async () => {
    const bad = await api('POST', '/v1/admin/companies', { token: ADMIN, body: { name: 'X', accountingSystem: 'xero' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe('accountingSystem');
    const badDate = await api('POST', '/v1/admin/companies', { token: ADMIN, body: { name: 'X', accountingSystem: 'qbo', closingDate: '2026-13-01' } });
    expect(badDate.json.error.field).toBe('closingDate');
  });
});

describe('test-only routes', () => {
  it('do not exist unless the test harness turns them on', async () => {
    const { env } = await import('cloudflare:test');
    const { app } = await import('../../worker/app');
    const { TEST_SUPPORT: _omitted, ...deployed } = env as Env & { TEST_SUPPORT?: string };
    const res = await app.request('http://sync.test/v1/extension/test-support/seed', { method: 'POST', headers: { authorization: ADMIN, 'content-type': 'application/json' }, body: '{}' }, deployed as Env);
    expect(res.status).toBe(404);
  });
});
