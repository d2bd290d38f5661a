import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, ingest, jobCounts, newRealm, runCron, sim } from './qbo-helpers';

describe('QBO sync through the cron handler', () => {
  it('connects through OAuth and pushes the demo marina month into QuickBooks Online', async () => {
    const co = await createQboCompany();
    await call('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200' } } });
    const realm = await newRealm();
    await connect(co, realm);
    const ops = await ingest(co);
    await runCron();

    const counts = await jobCounts(co);
    expect(counts).toMatchObject({ queued: 0, failed: 0, sending: 0 });
    const invoices = await entities(realm, 'Invoice');
    const expected = ops.filter((o) => o.kind === 'invoice' && (o.data as any).lines[0].item !== 'P-WINTER');
    expect(invoices).toHaveLength(expected.length);
    expect(new Set(invoices.map((i) => i.DocNumber)).size).toBe(invoices.length);
    const inv = invoices.find((i) => i.DocNumber === (expected[0].data as any).docNumber);
    expect(inv.TotalAmt).toBe(Number((expected[0].data as any).total));
    const payments = await entities(realm, 'Payment');
    expect(payments).toHaveLength(ops.filter((o) => o.kind === 'payment').length);
    // The month-end journal entry, and the refund of the overpayment (a journal entry clearing the customer's credit).
    const journals = await entities(realm, 'JournalEntry');
    expect(journals).toHaveLength(2);
    expect(journals.map((j) => j.PrivateNote).join('\n')).toMatch(/Sharper refund RF-0001/);
    expect(await entities(realm, 'RefundReceipt')).toHaveLength(0);
    expect(await entities(realm, 'CreditMemo')).toHaveLength(1);

    const stats = await sim('GET', `/realms/${realm}/stats`);
    expect(stats.batches).toBeGreaterThan(0);
    expect(stats.writes / stats.requests).toBeGreaterThan(5);
    const status = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(status.json).toMatchObject({ connected: true, realmId: realm });
    expect(status.json.meteredCalls.reads).toBe(stats.meteredReads);
  });
});
