import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signIntuitBody } from '../../worker/qbo/webhooks/signature';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim } from './qbo-helpers';

const lists = [
  { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
  { kind: 'sales_tax_item', id: 'TX-FL', data: { name: 'FL 6.5%', rate: '6.5', agency: 'Florida Department of Revenue' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000' } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava', billingAddress: { line1: '1 Dock St', city: 'Miami', state: 'FL', postalCode: '33101', country: 'USA' } } },
];
const line = (amount: string, taxable: boolean) => ({ item: 'P-SLIP', amount, taxable });
const docs = [
  // Untaxed: the slip is exempt (a liveaboard's monthly rent in Sharper), lines marked so.
  { kind: 'invoice', id: 'INV-1', data: { customer: 'C-1', date: '2026-03-02', docNumber: '101', lines: [line('100.00', false)], tax: '0' } },
  // Untaxed though its line is taxable by default: Sharper charged no tax, and QuickBooks must not add any.
  { kind: 'invoice', id: 'INV-2', data: { customer: 'C-1', date: '2026-03-02', docNumber: '102', lines: [{ item: 'P-SLIP', amount: '100.00' }], tax: '0' } },
  // Taxed at Sharper's 6.5 %, where QuickBooks' automated rate differs.
  { kind: 'invoice', id: 'INV-3', data: { customer: 'C-1', date: '2026-03-02', docNumber: '103', taxItem: 'TX-FL', lines: [line('100.00', true)], tax: '6.50' } },
  { kind: 'credit_memo', id: 'CM-1', data: { customer: 'C-1', date: '2026-03-03', docNumber: 'CM-1', lines: [{ item: 'P-SLIP', amount: '30.00' }], tax: '0' } },
];

async function connected(settings: Record<string, unknown>) {
  const co = await createQboCompany('Tax Marina');
  const realm = await newRealm(settings);
  await connect(co, realm);
  return { co, realm };
}

const byDoc = async (realm: string, entity: string) => new Map((await entities(realm, entity)).map((e: any) => [e.DocNumber, e]));
const connection = (companyId: string) => env.DB.prepare('SELECT country, tax_mode AS taxMode, prefs_read_at AS readAt FROM qbo_connections WHERE company_id = ?').bind(companyId).first<any>();

describe('QBO sales tax as the company keeps it', () => {
  it('on an automated-sales-tax company, every document carries exactly Sharper’s tax (0 included) and no tax code is created', async () => {
    const { co, realm } = await connected({ automatedSalesTax: true, companyState: 'FL' });
    const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [...lists, ...docs] } });
    expect(res.status, res.text).toBeLessThan(300);
    await runCron();
    expect(await connection(co.id)).toMatchObject({ country: 'US', taxMode: 'automated' });
    const invoices = await byDoc(realm, 'Invoice');
    expect([...invoices.keys()].sort()).toEqual(['101', '102', '103']);
    expect(invoices.get('101')).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });
    expect(invoices.get('102')).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });
    expect(invoices.get('103')).toMatchObject({ TotalAmt: 106.5, TxnTaxDetail: { TotalTax: 6.5 } });
    expect((await byDoc(realm, 'CreditMemo')).get('CM-1')).toMatchObject({ TotalAmt: 30 });
    // Automated sales tax overrides any code made through the tax service: none is made (QBO's own AST codes only).
    expect((await entities(realm, 'TaxCode')).map((c: any) => c.Name).filter((n: string) => !/\(AST\)$/.test(n))).toEqual([]);
    const jobs = (await call('GET', `/v1/companies/${co.id}/jobs?limit=50`, { token: co.viewer })).json.jobs;
    expect(jobs.filter((j: any) => j.state !== 'synced').map((j: any) => [j.sourceId, j.state, j.message])).toEqual([]);
    const taxJob = jobs.find((j: any) => j.type === 'Salestaximport');
    expect(taxJob.message).toMatch(/automated sales tax.*posts to QuickBooks agency "FL Department of Revenue \(AST\)"/);
    const health = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(health.json).toMatchObject({ country: 'US', taxMode: 'automated' });
  });

  it('on a manual-sales-tax company, the tax item becomes a tax code and documents carry it with Sharper’s amount', async () => {
    const { co, realm } = await connected({ automatedSalesTax: false });
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [...lists, ...docs] } });
    await runCron();
    expect(await connection(co.id)).toMatchObject({ taxMode: 'manual' });
    const code = (await entities(realm, 'TaxCode')).find((c: any) => c.Name === 'FL 6.5%');
    expect(code).toBeDefined();
    const invoices = await byDoc(realm, 'Invoice');
    expect(invoices.get('103')).toMatchObject({ TotalAmt: 106.5, TxnTaxDetail: { TxnTaxCodeRef: { value: String(code.Id) }, TotalTax: 6.5 } });
    expect(invoices.get('102')).toMatchObject({ TotalAmt: 100 });
  });

  it('a company outside the US is refused at connect, saying what is not supported, and nothing is sent', async () => {
    const co = await createQboCompany('Maple Marina');
    const realm = await newRealm({ country: 'CA' });
    const started = await call('GET', `/v1/companies/${co.id}/qbo/connect?environment=sandbox&format=json`, { token: co.operator });
    const url = new URL(started.json.authorizeUrl);
    url.searchParams.set('realmId', realm);
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const done = await call('GET', `/v1/qbo/oauth/callback${back.search}`);
    expect(done.status).toBe(422);
    expect(done.json.error).toMatchObject({ code: 'UNSUPPORTED_OPERATION', field: 'realmId' });
    expect(done.json.error.message).toMatch(/company is in CA.*Nothing was sent/);
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [...lists, ...docs] } });
    await runCron();
    expect(await entities(realm, 'Customer')).toEqual([]);
    const health = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(health.json).toMatchObject({ connected: false });
    expect(JSON.stringify(health.json)).toMatch(/company is in CA/);
  });

  it('re-reads the tax setting when QuickBooks reports a Preferences change, and sends the next document the new way', async () => {
    const { co, realm } = await connected({ automatedSalesTax: false });
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: lists } });
    await runCron();
    expect(await connection(co.id)).toMatchObject({ taxMode: 'manual' });
    await sim('PATCH', `/realms/${realm}/settings`, { automatedSalesTax: true });
    await sim('POST', '/webhooks', { url: 'http://127.0.0.1:9/unreachable', verifierToken: 'test-webhook-verifier', format: 'cloudevents' });
    const body = (await sim('POST', `/realms/${realm}/webhooks/send`, { events: [{ name: 'Preferences', id: '1', operation: 'Update' }] })).body as string;
    const delivered = await call('POST', '/v1/qbo/webhooks', { raw: body, headers: { 'intuit-signature': await signIntuitBody(body, 'test-webhook-verifier') } });
    expect(delivered.json, delivered.text).toMatchObject({ recorded: 1 });
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [docs[2]] } });
    await runCron();
    expect(await connection(co.id)).toMatchObject({ taxMode: 'automated' });
    expect((await byDoc(realm, 'Invoice')).get('103')).toMatchObject({ TotalAmt: 106.5 });
  });
});
