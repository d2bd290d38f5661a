import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, invoice, put, seedLists, setupCompany, type TestCompany } from './helpers';

const EXTENSION_ORIGIN = 'chrome-extension://mkhkcpgojemlkmnbipngabkflabmckii';

/** A QBO company whose lists and three invoices went through a (seeded) sync run. */
async function qboCompanyWithInvoices(realmId = '9130355') {
  const co = await setupCompany({ name: 'Harbor Point Marina', accountingSystem: 'qbo' });
  await api('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { openInSharperUrlTemplate: 'https://sharper.example.com/{kind}/{id}' } });
  await seedLists(co);
  for (const [id, doc] of [['INV-1', '1042'], ['INV-2', '1043'], ['INV-3', '1044'], ['INV-4', '1045']]) {
    expect((await put(co, 'invoices', id, invoice({ docNumber: doc }))).status).toBe(201);
  }
  const seeded = await seed({ companyId: co.id, qboConnection: { realmId }, run: { qbIds: { 'invoice:INV-1': '130', 'invoice:INV-2': '131', 'invoice:INV-3': '132', 'invoice:INV-4': '133' } } });
  expect(seeded.status).toBe(200);
  return co;
}

const seed = (body: unknown) => api('POST', '/v1/extension/test-support/seed', { token: ADMIN, body });
const status = (token: string, q: string) => api('GET', `/v1/extension/status?${q}`, { token });

async function failInvoice(co: TestCompany, id: string, message: string) {
  expect((await put(co, 'invoices', id, invoice({ docNumber: '1043', memo: 'changed' }))).status).toBe(200);
  const r = await seed({ companyId: co.id, run: { outcomes: { [`invoice:${id}`]: { kind: 'failed', code: '6000', message } } } });
  expect(r.status).toBe(200);
}

describe('extension status', () => {
  it('shows an owned synced invoice with its document number and Open in Sharper link', async () => {
    const co = await qboCompanyWithInvoices();
    const r = await status(co.viewer, 'entity=Invoice&id=130&realmId=9130355');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      owned: true,
      record: { kind: 'invoice', id: 'INV-1', docNumber: '1042' },
      sync: { state: 'synced', reason: null, drift: null },
      openInSharperUrl: 'https://sharper.example.com/invoice/INV-1',
    });
    expect(Date.parse(r.json.sync.at)).not.toBeNaN();
  });

  it('gives failed with the reason, pending, and edited in QuickBooks with the changed fields', async () => {
    const co = await qboCompanyWithInvoices();
    await failInvoice(co, 'INV-2', 'Duplicate Document Number Error: 1043 is already used');
    expect((await put(co, 'invoices', 'INV-3', invoice({ docNumber: '1044', memo: 'new memo' }))).status).toBe(200);
    await seed({ companyId: co.id, drift: [{ kind: 'invoice', sourceId: 'INV-4', qbEntity: 'Invoice', qbId: '133', fields: [{ field: 'Line[0].Amount', sharper: '580.65', quickbooks: '600.00' }, { field: 'DueDate', sharper: '2026-03-31', quickbooks: '2026-04-15' }] }] });

    const failed = await status(co.viewer, 'entity=Invoice&id=131');
    expect(failed.json.sync).toMatchObject({ state: 'failed', reason: 'Duplicate Document Number Error: 1043 is already used', code: '6000' });
    expect((await status(co.viewer, 'entity=Invoice&id=132')).json.sync.state).toBe('pending');
    const drifted = await status(co.viewer, 'entity=Invoice&id=133');
    expect(drifted.json.sync.state).toBe('edited_in_quickbooks');
    expect(drifted.json.sync.drift.fields.map((f: { field: string }) => f.field)).toEqual(['Line[0].Amount', 'DueDate']);
  });

  it('says not owned for an id Sharper never sent, a sales receipt, and another realm', async () => {
    const co = await qboCompanyWithInvoices();
    expect((await status(co.viewer, 'entity=Invoice&id=999')).json).toEqual({ owned: false, reason: 'not_in_sharper' });
    expect((await status(co.viewer, 'entity=SalesReceipt&id=130')).json).toEqual({ owned: false, reason: 'not_in_sharper' });
    expect((await status(co.viewer, 'entity=Invoice&id=130&realmId=555')).json).toEqual({ owned: false, reason: 'other_company' });
  });

  it('keeps tenants apart: another company’s token never sees this company’s records', async () => {
    await qboCompanyWithInvoices('9130355');
    const other = await qboCompanyWithInvoices('4620816');
    const mine = await status(other.viewer, 'entity=Invoice&id=130&realmId=9130355');
    expect(mine.json).toEqual({ owned: false, reason: 'other_company' });
    const own = await status(other.viewer, 'entity=Invoice&id=130&realmId=4620816');
    expect(own.json.company.id).toBe(other.id);
  });

  it('rejects bad input, missing tokens and the MMS key', async () => {
    const co = await qboCompanyWithInvoices();
    expect((await status(co.viewer, 'entity=Bill&id=130')).status).toBe(422);
    expect((await status(co.viewer, 'entity=Invoice&id=abc')).json.error.field).toBe('id');
    expect((await status(co.viewer, 'entity=Invoice')).status).toBe(422);
    expect((await api('GET', '/v1/extension/status?entity=Invoice&id=130')).status).toBe(401);
    expect((await status('shp_usr_not-a-real-token', 'entity=Invoice&id=130')).status).toBe(401);
    expect((await status(co.mms, 'entity=Invoice&id=130')).status).toBe(403);
  });
});

describe('extension summary and requeue', () => {
  it('lists connection, counts, failed jobs and what the role may do', async () => {
    const co = await qboCompanyWithInvoices();
    await failInvoice(co, 'INV-2', 'Duplicate Document Number Error');
    const viewer = (await api('GET', '/v1/extension/summary', { token: co.viewer })).json.companies[0];
    expect(viewer).toMatchObject({ id: co.id, role: 'viewer', connection: { target: 'qbo', state: 'connected', realmId: '9130355' }, actions: { requeue: { allowed: false } } });
    expect(viewer.actions.requeue.reason).toMatch(/operator/);
    expect(viewer.counts.failed).toBe(1);
    expect(viewer.problems).toEqual([expect.objectContaining({ state: 'failed', message: 'Duplicate Document Number Error', record: expect.objectContaining({ id: 'INV-2' }) })]);
    expect(new Date(viewer.nextSyncAt).getUTCMinutes()).toBe(0);
    const operator = (await api('GET', '/v1/extension/summary', { token: co.operator })).json.companies[0];
    expect(operator.actions).toEqual({ requeue: { allowed: true }, syncNow: { allowed: true } });
  });

  it('requeues for operators only, and only within the token’s company', async () => {
    const co = await qboCompanyWithInvoices();
    await failInvoice(co, 'INV-2', 'Duplicate Document Number Error');
    const jobId = (await api('GET', '/v1/extension/summary', { token: co.operator })).json.companies[0].problems[0].id;
    const other = await setupCompany({ name: 'Other Marina', accountingSystem: 'qbo' });
    expect((await api('POST', `/v1/extension/companies/${co.id}/jobs/${jobId}/requeue`, { token: co.viewer })).status).toBe(403);
    expect((await api('POST', `/v1/extension/companies/${co.id}/jobs/${jobId}/requeue`, { token: other.operator })).status).toBe(404);
    expect((await api('POST', `/v1/extension/companies/${co.id}/jobs/not-a-job/requeue`, { token: co.operator })).status).toBe(422);
    const r = await api('POST', `/v1/extension/companies/${co.id}/jobs/${jobId}/requeue`, { token: co.operator });
    expect(r.json).toEqual({ requeued: 1, stillBlocked: [] });
    expect((await api('GET', `/v1/companies/${co.id}/jobs/${jobId}`, { token: co.viewer })).json.state).toBe('queued');
  });

  it('requeues all failed jobs at once', async () => {
    const co = await qboCompanyWithInvoices();
    await failInvoice(co, 'INV-2', 'Duplicate Document Number Error');
    expect((await api('POST', `/v1/extension/companies/${co.id}/jobs/requeue-failed`, { token: co.viewer })).status).toBe(403);
    expect((await api('POST', `/v1/extension/companies/${co.id}/jobs/requeue-failed`, { token: co.operator })).json.requeued).toBe(1);
  });
});

describe('extension overrides', () => {
  it('records "Edit anyway" with who, which record, which action and when, and lists it per company', async () => {
    const co = await qboCompanyWithInvoices();
    const body = { entity: 'Invoice', id: '130', realmId: '9130355', action: 'save_and_close', via: 'click', pagePath: '/app/invoice?txnId=130' };
    const r = await api('POST', '/v1/extension/overrides', { token: co.viewer, body });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ who: { label: 'Vera Viewer' }, record: { kind: 'invoice', id: 'INV-1', docNumber: '1042' }, action: 'save_and_close', via: 'click' });
    const list = await api('GET', `/v1/extension/companies/${co.id}/overrides`, { token: co.viewer });
    expect(list.json.overrides).toHaveLength(1);
    expect(list.json.overrides[0]).toMatchObject({ quickbooks: { entity: 'Invoice', id: '130' }, action: 'save_and_close' });
    const other = await setupCompany({ name: 'Other Marina', accountingSystem: 'qbo' });
    expect((await api('GET', `/v1/extension/companies/${co.id}/overrides`, { token: other.viewer })).status).toBe(404);
  });

  it('refuses an override for a record Sharper does not own, and unknown actions', async () => {
    const co = await qboCompanyWithInvoices();
    const base = { entity: 'Invoice', id: '999', action: 'save', via: 'click' };
    expect((await api('POST', '/v1/extension/overrides', { token: co.viewer, body: base })).status).toBe(404);
    expect((await api('POST', '/v1/extension/overrides', { token: co.viewer, body: { ...base, id: '130', action: 'print' } })).status).toBe(422);
    expect((await api('POST', '/v1/extension/overrides', { token: co.viewer, raw: '{' })).status).toBe(400);
  });
});

describe('extension CORS, selectors and the test seed', () => {
  it('answers the extension’s preflight and no other origin', async () => {
    const pre = (origin: string) => SELFfetch('OPTIONS', origin);
    const ok = await pre(EXTENSION_ORIGIN);
    expect(ok.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    // Errors carry the header too, so the extension can show the Worker's message.
    const denied = await SELF.fetch('http://sync.test/v1/extension/summary', { headers: { origin: EXTENSION_ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    const page = await pre('https://c1.qbo.intuit.com');
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the selector list to a user token', async () => {
    const co = await setupCompany();
    const r = await api('GET', '/v1/extension/selectors', { token: co.viewer });
    expect(r.json.actions.map((a: { action: string }) => a.action)).toContain('save_and_close');
    expect(r.json.shortcuts.length).toBeGreaterThan(0);
  });

  it('test seeding needs the admin token', async () => {
    const co = await setupCompany();
    expect((await api('POST', '/v1/extension/test-support/seed', { token: co.operator, body: { companyId: co.id } })).status).toBe(401);
    expect((await seed({ companyId: 'co_missing' })).status).toBe(404);
  });
});

async function SELFfetch(method: string, origin: string) {
  return SELF.fetch('http://sync.test/v1/extension/summary', { method, headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
}
