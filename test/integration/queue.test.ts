import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db/client';
import { claimJobs, recordOutcome, sweepAbandonedJobs, RETRY_BASE_MS } from '../../worker/queue';
import { FakeTarget } from './fake-target';
import { api, invoice, put, seedLists, setupCompany } from './helpers';

const db = () => createDb(env.DB);

describe('sync queue', () => {
  it('keeps dependants waiting, says for what, and sends dependencies first', async () => {
    const co = await setupCompany();
    // The invoice arrives before anything it references.
    const early = await put(co, 'invoices', 'INV-1', invoice());
    expect(early.json.job.state).toBe('waiting');
    expect(early.json.job.message).toContain('Customerimport of customer C-1, not yet received from Sharper');
    await seedLists(co);

    const target = new FakeTarget(co.id);
    const sent = await target.drain();
    const order = sent.map((j) => j.jobType);
    expect(order.indexOf('Accountimport')).toBeLessThan(order.indexOf('Iteminventoryimport'));
    expect(order.indexOf('Termsimport')).toBeLessThan(order.indexOf('Customerimport'));
    expect(order.indexOf('Customerimport')).toBeLessThan(order.indexOf('Invoiceimport'));
    expect(order.indexOf('Iteminventoryimport')).toBeLessThan(order.indexOf('Invoiceimport'));
    expect(order.indexOf('Salestaximport')).toBeLessThan(order.indexOf('Invoiceimport'));
    expect(sent).toHaveLength(6);
    const inv = sent.find((j) => j.jobType === 'Invoiceimport')!;
    expect(inv.data).toMatchObject({ total: 62130, lines: [{ amount: 58065 }] });

    const counts = await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer });
    expect(counts.json.byState).toMatchObject({ synced: 6, waiting: 0, queued: 0 });
  });

  it('releases a payment only after the invoices it applies to are in QuickBooks', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const target = new FakeTarget(co.id);
    await target.drain();
    const pay = await put(co, 'payments', 'PAY-1', { customer: 'C-1', date: '2026-03-05', method: 'check', reference: '1001', amount: '621.30', applications: [{ invoice: 'INV-1', amount: '621.30' }] });
    expect(pay.json.job).toMatchObject({ type: 'Paymentimport', state: 'waiting' });
    expect(await target.claim()).toEqual([]);
    await put(co, 'invoices', 'INV-1', invoice());
    const first = await target.drain();
    expect(first.map((j) => j.jobType)).toEqual(['Invoiceimport', 'Paymentimport']);
  });

  it('holds an invoice that uses an inactive product, naming it, and requeue re-checks', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await put(co, 'items', 'P-SLIP40', { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000', active: false });
    const held = await put(co, 'invoices', 'INV-1', invoice());
    expect(held.json.job.state).toBe('held');
    expect(held.json.job.message).toBe(
      "Invoice 1042 uses product 'Slip Rental 40ft' (P-SLIP40), which is inactive in Sharper: activate it, then requeue.",
    );
    const jobId = held.json.job.id;
    const still = await api('POST', `/v1/companies/${co.id}/jobs/${jobId}/requeue`, { token: co.operator });
    expect(still.json).toMatchObject({ requeued: 0, stillBlocked: [{ id: jobId, state: 'held' }] });

    await put(co, 'items', 'P-SLIP40', { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000' });
    const requeued = await api('POST', `/v1/companies/${co.id}/jobs/${jobId}/requeue`, { token: co.operator });
    // Not in QuickBooks yet, so it waits for its lists rather than failing there.
    expect(requeued.json.stillBlocked).toEqual([expect.objectContaining({ id: jobId, state: 'waiting' })]);
    const sent = await new FakeTarget(co.id).drain();
    expect(sent.map((j) => j.jobType)).toContain('Invoiceimport');
  });

  it('supersedes an unsent job when Sharper changes the record, and sends a modify after a sync', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const target = new FakeTarget(co.id);
    await target.drain();
    const v1 = await put(co, 'invoices', 'INV-1', invoice());
    const v2 = await put(co, 'invoices', 'INV-1', invoice({ memo: 'v2' }));
    const detail1 = await api('GET', `/v1/companies/${co.id}/jobs/${v1.json.job.id}`, { token: co.viewer });
    expect(detail1.json.state).toBe('superseded');
    const [sent] = await target.drain();
    expect(sent).toMatchObject({ version: 2, existing: null });

    const v3 = await put(co, 'invoices', 'INV-1', invoice({ memo: 'v3' }));
    expect(v3.json.job.state).toBe('queued');
    const [mod] = await target.drain();
    expect(mod).toMatchObject({ version: 3, action: 'upsert', existing: { qbId: sent.existing?.qbId ?? expect.any(String) } });
    expect(mod.existing).not.toBeNull();
    void v2;
  });

  it('never gives the same job to two concurrent claimers', async () => {
    const co = await setupCompany();
    const records = Array.from({ length: 60 }, (_, i) => ({ kind: 'account', id: `A-${i}`, data: { name: `Account ${i}`, type: 'income' } }));
    const bulk = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
    expect(bulk.json.summary.accepted).toBe(60);
    const ctx = { db: db(), now: new Date() };
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimJobs({ ctx, companyId: co.id, target: 'qbd', limit: 15 })));
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });

  it('retries a retryable failure with backoff, on a fixed clock', async () => {
    const co = await setupCompany();
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    const t0 = new Date('2026-04-01T10:00:00Z');
    const [job] = await claimJobs({ ctx: { db: db(), now: t0 }, companyId: co.id, target: 'qbd', limit: 10 });
    await recordOutcome({ ctx: { db: db(), now: t0 }, job, outcome: { kind: 'failed', code: 'QB_BUSY', message: 'QuickBooks is busy', retryable: true }, random: () => 1 });
    expect(await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + RETRY_BASE_MS - 1) }, companyId: co.id, target: 'qbd', limit: 10 })).toEqual([]);
    const [again] = await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + RETRY_BASE_MS) }, companyId: co.id, target: 'qbd', limit: 10 });
    expect(again).toMatchObject({ id: job.id, attempt: 2 });

    await recordOutcome({ ctx: { db: db(), now: t0 }, job: again, outcome: { kind: 'failed', code: 'QB_3100', message: "The name 'Fuel Sales' is already in use", retryable: false } });
    const detail = await api('GET', `/v1/companies/${co.id}/jobs/${job.id}`, { token: co.viewer });
    expect(detail.json).toMatchObject({ state: 'failed', retryable: false, code: 'QB_3100', attempts: 2 });
    expect(detail.json.attemptHistory.map((a: any) => a.outcome)).toEqual(['failed', 'failed']);
    expect(await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 10 * RETRY_BASE_MS) }, companyId: co.id, target: 'qbd', limit: 10 })).toEqual([]);
  });

  it('returns a send whose lease expired to the queue in doubt, and ignores the stale claimer', async () => {
    const co = await setupCompany();
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    const t0 = new Date('2026-04-01T10:00:00Z');
    const [job] = await claimJobs({ ctx: { db: db(), now: t0 }, companyId: co.id, target: 'qbd', limit: 10, leaseMs: 60_000 });
    expect(await sweepAbandonedJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 59_000) } })).toBe(0);
    expect(await sweepAbandonedJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 61_000) } })).toBe(1);

    const late = await recordOutcome({ ctx: { db: db(), now: t0 }, job, outcome: { kind: 'synced', qbId: 'LATE' } });
    expect(late).toBe(false);
    const [retry] = await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 62_000) }, companyId: co.id, target: 'qbd', limit: 10 });
    expect(retry).toMatchObject({ id: job.id, inDoubt: true, attempt: 2 });
    const detail = await api('GET', `/v1/companies/${co.id}/jobs/${job.id}`, { token: co.viewer });
    expect(detail.json.attemptHistory[0]).toMatchObject({ outcome: 'abandoned', code: 'LEASE_EXPIRED' });
  });

  it('carries "in doubt" to the next version so a lost send is checked before re-sending', async () => {
    const co = await setupCompany();
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    const t0 = new Date('2026-04-01T10:00:00Z');
    const [job] = await claimJobs({ ctx: { db: db(), now: t0 }, companyId: co.id, target: 'qbd', limit: 10 });
    await recordOutcome({ ctx: { db: db(), now: t0 }, job, outcome: { kind: 'unknown', code: 'NO_ANSWER', message: 'The Web Connector closed before answering' }, random: () => 0 });
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income', number: '4100' });
    const [next] = await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 3_600_000) }, companyId: co.id, target: 'qbd', limit: 10 });
    expect(next).toMatchObject({ version: 2, inDoubt: true });
  });

  it('never hands out a version while an earlier one of its record is still to go (in doubt included)', async () => {
    const co = await setupCompany();
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    const t0 = new Date('2026-04-01T10:00:00Z');
    const [v1] = await claimJobs({ ctx: { db: db(), now: t0 }, companyId: co.id, target: 'qbd', limit: 10 });
    // Version 2 arrives while version 1 is on its way; then version 1's answer is lost.
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income', number: '4100' });
    await recordOutcome({ ctx: { db: db(), now: t0 }, job: v1, outcome: { kind: 'unknown', code: 'NO_ANSWER', message: 'lost' }, random: () => 0 });
    expect(await claimJobs({ ctx: { db: db(), now: new Date(t0.getTime() + 1_000) }, companyId: co.id, target: 'qbd', limit: 10 })).toEqual([]);
    const later = new Date(t0.getTime() + 3_600_000);
    const first = await claimJobs({ ctx: { db: db(), now: later }, companyId: co.id, target: 'qbd', limit: 10 });
    expect(first.map((j) => [j.version, j.inDoubt])).toEqual([[1, true]]);
    await recordOutcome({ ctx: { db: db(), now: later }, job: first[0], outcome: { kind: 'synced', qbId: '7', qbLock: '0' } });
    const second = await claimJobs({ ctx: { db: db(), now: later }, companyId: co.id, target: 'qbd', limit: 10 });
    expect(second.map((j) => [j.version, j.existing?.qbId])).toEqual([[2, '7']]);
  });

  it('the cron handler sweeps abandoned sends', async () => {
    const co = await setupCompany();
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    await claimJobs({ ctx: { db: db(), now: new Date(Date.now() - 3_600_000) }, companyId: co.id, target: 'qbd', limit: 10, leaseMs: 1000 });
    const { default: worker } = await import('../../worker/index');
    const { createExecutionContext, createScheduledController, waitOnExecutionContext } = await import('cloudflare:test');
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '0 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const log = await api('GET', `/v1/companies/${co.id}/jobs`, { token: co.viewer });
    expect(log.json.jobs[0]).toMatchObject({ state: 'queued', inDoubt: true, code: 'LEASE_EXPIRED' });
  });
});

describe('same-message dependants and resend', () => {
  it('claims a customer and the invoice that needs it together, dependency first', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const ctx = { db: db(), now: new Date() };
    const all = [];
    for (;;) {
      const batch = await claimJobs({ ctx, companyId: co.id, target: 'qbd', limit: 50, withDependants: true });
      if (!batch.length) break;
      all.push(batch);
      for (const job of batch) await recordOutcome({ ctx, job, outcome: { kind: 'synced', qbId: `QB-${job.id}` } });
    }
    await put(co, 'invoices', 'INV-1', invoice());
    // Lists and customer synced above; a new customer and its invoice now go in one claim.
    await put(co, 'customers', 'C-9', { name: 'New Boater' });
    await put(co, 'invoices', 'INV-9', invoice({ customer: 'C-9', docNumber: '1099' }));
    expect(all).toHaveLength(1);
    const together = await claimJobs({ ctx, companyId: co.id, target: 'qbd', limit: 50, withDependants: true });
    expect(together.map((j) => `${j.kind}:${j.sourceId}`)).toEqual(['customer:C-9', 'invoice:INV-1', 'invoice:INV-9']);
    // Without the option the invoice waits for the id map.
    const co2 = await setupCompany();
    await put(co2, 'customers', 'C-9', { name: 'New Boater' });
    await put(co2, 'accounts', 'A-1', { name: 'Income', type: 'income' });
    await put(co2, 'items', 'P-1', { name: 'Slip', type: 'service', price: '10.00', incomeAccount: 'A-1' });
    await put(co2, 'invoices', 'INV-9', invoice({ customer: 'C-9', docNumber: '1099', terms: undefined, taxItem: undefined, tax: '0', total: undefined, lines: [{ item: 'P-1', amount: '10.00' }] }));
    const plain = await claimJobs({ ctx, companyId: co2.id, target: 'qbd', limit: 50 });
    expect(plain.map((j) => j.kind).sort()).toEqual(['account', 'customer']);
    const rest = await claimJobs({ ctx, companyId: co2.id, target: 'qbd', limit: 50, withDependants: true });
    expect(rest).toEqual([]);
  });

  it('resends a synced record, forgetting its QuickBooks id when asked, and dependants then wait for it', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await new FakeTarget(co.id).drain();
    const { resendRecord } = await import('../../worker/queue');
    const ctx = { db: db(), now: new Date() };
    const res = await resendRecord({ ctx, companyId: co.id, target: 'qbd', kind: 'customer', sourceId: 'C-1', reason: 'it was deleted in QuickBooks', forgetQuickBooksId: true });
    expect(res.state).toBe('queued');
    const inv = await put(co, 'invoices', 'INV-1', invoice());
    expect(inv.json.job.state).toBe('waiting');
    expect(inv.json.job.message).toContain('Customerimport');
    const sent = await new FakeTarget(co.id).drain();
    expect(sent.map((j) => [j.kind, j.existing])).toEqual([
      ['customer', null],
      ['invoice', null],
    ]);
    const detail = await api('GET', `/v1/companies/${co.id}/jobs/${res.jobId}`, { token: co.viewer });
    expect(detail.json.attemptHistory).toHaveLength(2);
  });
});

describe('orphaned claims', () => {
  it('releases a company target\'s leftover sending jobs in doubt and due now, and only that company\'s', async () => {
    const co = await setupCompany();
    const other = await setupCompany({ name: 'Other' });
    await put(co, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    await put(other, 'accounts', 'A-1', { name: 'Fuel Sales', type: 'income' });
    const ctx = { db: db(), now: new Date() };
    await claimJobs({ ctx, companyId: co.id, target: 'qbd', limit: 10 });
    const [otherJob] = await claimJobs({ ctx, companyId: other.id, target: 'qbd', limit: 10 });
    const { releaseOrphanedClaims } = await import('../../worker/queue');
    expect(await releaseOrphanedClaims({ ctx, companyId: co.id, target: 'qbd', message: 'session over' })).toBe(1);
    const [again] = await claimJobs({ ctx, companyId: co.id, target: 'qbd', limit: 10 });
    expect(again).toMatchObject({ inDoubt: true, attempt: 2 });
    expect(await claimJobs({ ctx, companyId: other.id, target: 'qbd', limit: 10 })).toEqual([]);
    expect(otherJob.inDoubt).toBe(false);
  });
});
