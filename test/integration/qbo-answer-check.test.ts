import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim } from './qbo-helpers';

const lists = [
  { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
  { kind: 'sales_tax_item', id: 'TX-FL', data: { name: 'FL 6.5%', rate: '6.5', agency: 'Florida Department of Revenue' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000' } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
];
const taxed = { kind: 'invoice', id: 'INV-9', data: { customer: 'C-1', date: '2026-03-02', docNumber: '109', taxItem: 'TX-FL', lines: [{ item: 'P-SLIP', amount: '100.00', taxable: true }], tax: '6.50' } };

describe('QBO: every answer is checked against what Sharper sent', () => {
  it('an invoice QuickBooks keeps with other figures is held naming both, shown as such everywhere, never as drift; a requeue updates that invoice', async () => {
    const co = await createQboCompany('Check Marina');
    const realm = await newRealm();
    await connect(co, realm);
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: lists } });
    await runCron();
    // QuickBooks keeps its own tax (7.00) instead of Sharper's 6.50 on the next write.
    await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'amend', entity: 'Invoice', set: { 'TxnTaxDetail.TotalTax': 7, TotalAmt: 107 } } });
    await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [taxed] } });
    await runCron();

    const job = (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=INV-9`, { token: co.viewer })).json.jobs[0];
    expect(job).toMatchObject({ state: 'held', code: 'QBO_FIGURES_DIFFER' });
    expect(job.message).toContain('QuickBooks computed 7.00 tax; Sharper charged 6.50. Automated sales tax overrode');
    expect(job.message).toContain("total 107.00; Sharper's is 106.50");
    const qbInvoice = (await entities(realm, 'Invoice')).find((i: any) => i.DocNumber === '109');
    // The failures view and the extension show it held, with the reason.
    const failures = (await call('GET', `/v1/companies/${co.id}/jobs?state=held`, { token: co.viewer })).json.jobs;
    expect(failures.map((j: any) => j.code)).toContain('QBO_FIGURES_DIFFER');
    const ext = await call('GET', `/v1/extension/status?entity=Invoice&id=${qbInvoice.Id}&realmId=${realm}`, { token: co.viewer });
    expect(ext.json).toMatchObject({ owned: true, sync: { state: 'held' } });
    expect(ext.json.sync.reason).toContain('Automated sales tax overrode');

    // QBO's own figures are not somebody's edit: the next run finds no drift.
    await runCron();
    expect((await call('GET', `/v1/companies/${co.id}/qbo/drift`, { token: co.viewer })).json.drift).toEqual([]);

    const requeued = await call('POST', `/v1/companies/${co.id}/jobs/${job.id}/requeue`, { token: co.operator });
    expect(requeued.status, requeued.text).toBe(200);
    await runCron();
    expect((await call('GET', `/v1/companies/${co.id}/jobs?sourceId=INV-9`, { token: co.viewer })).json.jobs[0]).toMatchObject({ state: 'synced' });
    const after = (await entities(realm, 'Invoice')).filter((i: any) => i.DocNumber === '109');
    expect(after.map((i: any) => [i.Id, i.TotalAmt, i.TxnTaxDetail.TotalTax])).toEqual([[qbInvoice.Id, 106.5, 6.5]]);
  });
});
