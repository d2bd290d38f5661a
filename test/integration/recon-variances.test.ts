import { describe, expect, it } from 'vitest';
import { call, runCron } from './qbo-helpers';
import { inv, lists, reconciledCompany } from './recon-fixtures';

describe('month-end reconciliation attributes every variance', () => {
  it('a failed job, a held job, an entry only in QuickBooks, an amount edited in QuickBooks and a deleted payment', async () => {
    const { co, realm } = await reconciledCompany();
    const { sim, entities } = await import('./qbo-helpers');
    // A failed job: QuickBooks refuses the next invoice.
    await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'fault', code: '6000', message: 'A business validation error has occurred', detail: 'Business Validation Error: Transaction date is invalid' }, times: 1 });
    await call('PUT', `/v1/companies/${co.id}/records/invoices/INV-104`, { token: co.mms, body: inv('INV-104', 'C-3', '2026-03-20', 70000).data });
    await runCron();
    // A held job: the fuel product retired in Sharper, then invoiced.
    await call('PUT', `/v1/companies/${co.id}/records/items/P-FUEL`, { token: co.mms, body: { ...(lists[5].data as object), active: false } });
    await call('PUT', `/v1/companies/${co.id}/records/invoices/INV-105`, { token: co.mms, body: inv('INV-105', 'C-1', '2026-03-21', 2500, 'P-FUEL').data });
    // Made in the QBO web app: an invoice only QuickBooks has, an amount edit, a deleted payment.
    const customers = await entities(realm, 'Customer');
    const qbC1 = customers.find((c: any) => c.DisplayName === 'Anchor, Ava').Id;
    const item = (await entities(realm, 'Item')).find((i: any) => i.Name === 'Slip Rental').Id;
    await sim('POST', `/realms/${realm}/entities/Invoice`, { CustomerRef: { value: qbC1 }, TxnDate: '2026-03-25', DocNumber: 'QB-ONLY', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 45, SalesItemLineDetail: { ItemRef: { value: item } } }] });
    const qbInvoices = await entities(realm, 'Invoice');
    const inv103 = qbInvoices.find((i: any) => i.DocNumber === '103');
    await sim('PATCH', `/realms/${realm}/entities/Invoice/${inv103.Id}`, { Line: [{ ...inv103.Line[0], Amount: 40, SalesItemLineDetail: { ...inv103.Line[0].SalesItemLineDetail, Qty: undefined, UnitPrice: undefined } }] });
    const pay2 = (await entities(realm, 'Payment')).find((p: any) => p.TotalAmt === 600);
    await sim('DELETE', `/realms/${realm}/entities/Payment/${pay2.Id}`);
    await runCron();

    const r = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer });
    expect(r.status, r.text).toBe(200);
    const byId = new Map(r.json.customers.map((c: any) => [c.id ?? c.name, c]));
    const c1: any = byId.get('C-1');
    expect(c1.explanations.map((e: any) => [e.reason, e.cents])).toEqual(expect.arrayContaining([['held', 2500], ['only_in_quickbooks', -4500]]));
    expect(c1.unexplained).toBe(0);
    const c3: any = byId.get('C-3');
    expect(c3.difference).toBe(70000 + 1000);
    expect(c3.explanations.map((e: any) => [e.reason, e.cents])).toEqual(expect.arrayContaining([['failed', 70000], ['edited_in_quickbooks', 1000]]));
    expect(c3.unexplained).toBe(0);
    const c2: any = byId.get('C-2');
    expect(c2.difference).toBe(-60000);
    expect(c2.explanations).toEqual([expect.objectContaining({ reason: 'deleted_in_quickbooks', cents: -60000 })]);
    expect(c2.unexplained).toBe(0);
    expect(r.json.totals.customers.unexplained).toBe(0);
    // The A/R account's difference is the customers' added up, and carries their explanations.
    expect(r.json.accounts.find((a: any) => a.id === 'A-1100')).toMatchObject({ difference: 70000 + 2500 + 1000 - 4500 - 60000, unexplained: 0 });

    // Their other sides: the QuickBooks-only invoice's income and the edit's, each on its own account.
    const income = (id: string) => r.json.accounts.find((a: any) => a.id === id);
    expect(income('A-4000')).toMatchObject({ unexplained: 0 });
    expect(income('A-4000').explanations).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'only_in_quickbooks', cents: 4500, message: expect.stringMatching(/^the other side of: Invoice QB-ONLY/) })]));
    expect(income('A-4200')).toMatchObject({ unexplained: 0 });
    expect(income('A-4200').explanations).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'edited_in_quickbooks', cents: -1000 })]));

    const csv = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03&format=csv`, { token: co.viewer });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('deleted_in_quickbooks -600.00');
  });
});
