import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../../worker/queue';
import { generateMarinaYear } from '../fixtures/marina-year';
import { FakeTarget } from './fake-target';
import { api, setupCompany } from './helpers';

type Doc = { customer: string; amount?: number; total?: number; lines?: { amount: number }[]; tax?: number };

/** What a QuickBooks fed by these jobs would say each customer owes. */
function arFromSent(latest: Map<string, ClaimedJob>): Map<string, number> {
  const ar = new Map<string, number>();
  const add = (c: string, cents: number) => ar.set(c, (ar.get(c) ?? 0) + cents);
  for (const job of latest.values()) {
    if (job.action !== 'upsert') continue;
    const d = job.data as Doc;
    const docTotal = () => (d.lines ?? []).reduce((a, l) => a + l.amount, 0) + (d.tax ?? 0);
    if (job.kind === 'invoice') add(d.customer, docTotal());
    if (job.kind === 'credit_memo') add(d.customer, -docTotal());
    if (job.kind === 'payment') add(d.customer, -(d.amount ?? 0));
    if (job.kind === 'refund') add(d.customer, d.amount ?? 0);
  }
  return ar;
}

describe('a reduced marina year through the queue', () => {
  it('syncs every record once, holds only the retired product, and the books agree to the cent', async () => {
    const year = generateMarinaYear({ seed: 7, customers: 24 });
    const co = await setupCompany({ accountingSystem: 'qbo' });
    const adds = new Map<string, number>();
    const latest = new Map<string, ClaimedJob>();
    const target = new FakeTarget(co.id, 'qbo');
    const drain = async () => {
      for (const job of await target.drain()) {
        const key = `${job.kind}:${job.sourceId}`;
        if (!job.existing && job.action === 'upsert') adds.set(key, (adds.get(key) ?? 0) + 1);
        if (job.action === 'void') latest.delete(key);
        else latest.set(key, job);
      }
    };
    let accepted = 0;
    for (const month of year.months) {
      for (const ops of [month.operations, month.afterSync]) {
        if (!ops.length) continue;
        const res = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: ops } });
        expect(res.json.summary.rejected, JSON.stringify(res.json.results.find((r: any) => !r.ok))).toBe(0);
        accepted += res.json.summary.accepted;
        await drain();
      }
    }
    expect(accepted).toBeGreaterThan(300);
    // Zero duplicates: each record was created in QuickBooks exactly once.
    expect([...adds.entries()].filter(([, n]) => n > 1)).toEqual([]);
    // Zero lost: everything synced except the invoices on the retired product, which are held.
    const counts = (await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState;
    expect(counts).toMatchObject({ queued: 0, waiting: 0, failed: 0, sending: 0, held: year.expectedHeld.size });
    const held = (await api('GET', `/v1/companies/${co.id}/jobs?state=held&limit=500`, { token: co.viewer })).json.jobs;
    expect(new Set(held.map((j: any) => `${j.record.kind}:${j.record.id}`))).toEqual(year.expectedHeld);
    // The books: AR by customer from what was sent equals Sharper's, to the cent.
    const sent = arFromSent(latest);
    for (const [customer, cents] of year.arByCustomer) expect(`${customer} ${sent.get(customer) ?? 0}`).toBe(`${customer} ${cents}`);
  });
});
