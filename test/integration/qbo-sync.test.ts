import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { demoCompanyOperations } from '../fixtures/demo-company';
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
    // Writes ride in batches: many records per write request (reads — CDC, the company's tax
    // preferences, look-ups — are requests of their own).
    expect(stats.writes / (stats.requests - stats.reads)).toBeGreaterThan(5);
    const status = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(status.json).toMatchObject({ connected: true, realmId: realm });
    expect(status.json.meteredCalls.reads).toBe(stats.meteredReads);
  });
});

describe('QBO rate limits across runs', () => {
  const storedWindow = async (companyId: string) =>
    JSON.parse((await env.DB.prepare('SELECT limiter_window AS w FROM qbo_connections WHERE company_id = ?').bind(companyId).first<{ w: string }>())!.w);

  it('a run starts from the minute the previous run left: a realm that used its 40 batches sends none until they age out', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    await connect(co, realm);
    await ingest(co, demoCompanyOperations(7, 3).slice(0, 40));
    await runCron();
    const stats = await sim('GET', `/realms/${realm}/stats`);
    const first = await storedWindow(co.id);
    // Every request of the run (the CDC read, the token-free batches) is still inside its minute.
    expect(first.requests).toHaveLength(stats.requests);
    expect(first.batches).toHaveLength(stats.batches);

    // As if a "sync now" had just spent the realm's whole batch allowance.
    const now = Date.now();
    const spent = JSON.stringify({ requests: Array(40).fill(now), batches: Array(40).fill(now) });
    await env.DB.prepare('UPDATE qbo_connections SET limiter_window = ? WHERE company_id = ?').bind(spent, co.id).run();
    await ingest(co, demoCompanyOperations(7, 3).slice(40, 60));
    await runCron();
    expect((await sim('GET', `/realms/${realm}/stats`)).batches).toBe(stats.batches);
    expect((await jobCounts(co)).queued).toBeGreaterThan(0);
    const status = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(status.json.lastSync.summary).toMatchObject({ throttled: true });

    // A minute later those batches no longer count, and the rest goes.
    const aged = JSON.stringify({ requests: Array(40).fill(now - 61_000), batches: Array(40).fill(now - 61_000) });
    await env.DB.prepare('UPDATE qbo_connections SET limiter_window = ? WHERE company_id = ?').bind(aged, co.id).run();
    await runCron();
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0, sending: 0 });
  });
});
