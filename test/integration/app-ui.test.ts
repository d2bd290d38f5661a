import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { FakeTarget } from './fake-target';
import { invoice, put, seedLists, setupCompany, type TestCompany } from './helpers';

const BASE = 'http://sync.test';

async function signIn(token: string): Promise<string> {
  const res = await SELF.fetch(`${BASE}/app/sign-in`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers: { origin: BASE } });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(';')[0];
}

const page = async (cookie: string, path: string) => {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
};
const post = async (cookie: string, path: string, form: Record<string, string | string[]>, origin = BASE) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  const res = await SELF.fetch(`${BASE}${path}`, { method: 'POST', body, headers: { cookie, origin }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') };
};

async function marinaWithHeldInvoices(): Promise<TestCompany> {
  const co = await setupCompany();
  await seedLists(co);
  await new FakeTarget(co.id).drain();
  await put(co, 'items', 'P-SLIP40', { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000', active: false });
  for (let i = 1; i <= 3; i++) await put(co, 'invoices', `INV-${i}`, invoice({ docNumber: `10${i}` }));
  return co;
}

describe('Accounting Sync page', () => {
  it('refuses a bad token and signs in with a user token', async () => {
    const co = await setupCompany();
    const bad = await SELF.fetch(`${BASE}/app/sign-in`, { method: 'POST', body: new URLSearchParams({ token: co.mms }), headers: { origin: BASE } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('not a valid user token');
    expect((await page('', '/app/log')).location).toBe('/app/sign-in');
    const cookie = await signIn(co.viewer);
    const log = await page(cookie, '/app/log');
    expect(log.status).toBe(200);
    expect(log.html).toContain('Harbor Point Marina');
  });

  it('groups held invoices by root cause and an operator requeues the group', async () => {
    const co = await marinaWithHeldInvoices();
    const viewer = await signIn(co.viewer);
    const failures = await page(viewer, '/app/failures');
    expect(failures.html).toContain("3 Invoiceimport jobs: Invoice … uses product &#39;Slip Rental 40ft&#39; (P-SLIP40), which is inactive in Sharper");
    expect(failures.html).toContain('Requeue these (operators only)');
    const ids = [...failures.html.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect((await post(viewer, '/app/requeue', { ids })).status).toBe(403);

    const operator = await signIn(co.operator);
    await put(co, 'items', 'P-SLIP40', { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000' });
    const requeued = await post(operator, '/app/requeue', { ids, back: '/app/failures' });
    expect(requeued.status).toBe(303);
    expect(decodeURIComponent(requeued.location ?? '')).toContain('Requeued 3 jobs.');
    expect((await page(operator, '/app/failures')).html).toContain('Nothing is failed or held');
  });

  it('filters the log, shows a job, and downloads the filtered CSV', async () => {
    const co = await marinaWithHeldInvoices();
    const cookie = await signIn(co.viewer);
    const log = await page(cookie, '/app/log?type=Invoiceimport&state=held');
    expect([...log.html.matchAll(/data-job-id="(\d+)"/g)]).toHaveLength(3);
    const jobId = /data-job-id="(\d+)"/.exec(log.html)![1];
    const job = await page(cookie, `/app/jobs/${jobId}`);
    expect(job.html).toContain('INACTIVE_REFERENCE');
    expect(job.html).toContain('&quot;total&quot;: 62130');
    const csv = await page(cookie, '/app/export.csv?state=held');
    expect(csv.html.trim().split('\r\n')).toHaveLength(4);
  });

  it('refuses a cross-site form post', async () => {
    const co = await marinaWithHeldInvoices();
    const cookie = await signIn(co.operator);
    const res = await post(cookie, '/app/requeue', { state: 'held' }, 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('lets an operator change the closing date, with validation', async () => {
    const co = await setupCompany();
    const cookie = await signIn(co.operator);
    expect((await post(cookie, '/app/settings', { closingDate: '2026-01-31', openInSharperUrlTemplate: 'ftp://nope' })).status).toBe(422);
    expect((await post(cookie, '/app/settings', { closingDate: '2026-01-31', openInSharperUrlTemplate: 'https://sharper.example.com/{kind}/{id}' })).status).toBe(303);
    expect((await page(cookie, '/app/settings')).html).toContain('value="2026-01-31"');
  });
});
