import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim } from './qbo-helpers';

const accounts = [
  { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000', taxable: false } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
];
const invoice = (id: string, doc: string) => ({ kind: 'invoice', id, data: { customer: 'C-1', date: '2026-03-02', docNumber: doc, lines: [{ item: 'P-SLIP', amount: '100.00' }], tax: '0' } });

describe('QBO: a reference that is gone or inactive in QuickBooks', () => {
  it('sends the customer again (re-activated) and the invoice waits for it, then syncs', async () => {
    const co = await createQboCompany('Reference Marina');
    const realm = await newRealm();
    await connect(co, realm);
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [...accounts, invoice('INV-1', '101')] } });
    await runCron();
    const customer = (await entities(realm, 'Customer')).find((c: any) => c.DisplayName === 'Anchor, Ava');
    // Someone deletes the customer in the QBO web app (QBO makes names inactive).
    await sim('DELETE', `/realms/${realm}/entities/Customer/${customer.Id}`);
    await call('PUT', `/v1/companies/${co.id}/records/invoices/INV-2`, { token: co.mms, body: invoice('INV-2', '102').data });
    await runCron();
    const waiting = (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=INV-2`, { token: co.viewer })).json.jobs[0];
    expect(['waiting', 'synced']).toContain(waiting.state);
    await runCron();
    const after = (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=INV-2`, { token: co.viewer })).json.jobs[0];
    expect(after.state).toBe('synced');
    const detail = (await call('GET', `/v1/companies/${co.id}/jobs/${after.id}`, { token: co.viewer })).json;
    expect(detail.attemptHistory.map((a: any) => a.outcome)).toEqual(expect.arrayContaining(['waiting', 'synced']));
    expect(detail.attemptHistory.find((a: any) => a.outcome === 'waiting').message).toMatch(/customer C-1 \(made inactive in QuickBooks\)/);
    const reactivated = (await sim('GET', `/realms/${realm}/entities/Customer/${customer.Id}`)) as any;
    expect(reactivated.Active ?? reactivated.Customer?.Active).not.toBe(false);
    expect((await entities(realm, 'Invoice')).map((i: any) => i.DocNumber).sort()).toEqual(['101', '102']);
  });
});
