import { describe, expect, it } from 'vitest';
import { FakeTarget } from './fake-target';
import { api, invoice, put, seedLists, setupCompany } from './helpers';

describe('Accounting Sync log API', () => {
  it('filters by type, state, record, document number and text, and pages with a cursor', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await new FakeTarget(co.id).drain();
    for (let i = 1; i <= 5; i++) await put(co, 'invoices', `INV-${i}`, invoice({ docNumber: `10${i}` }));
    await new FakeTarget(co.id, 'qbd', (job) =>
      job.sourceId === 'INV-3' ? { kind: 'failed', code: 'QB_3140', message: "There is an invalid reference to QuickBooks Item 'FL 7%'", retryable: false } : undefined,
    ).drain();

    const failed = await api('GET', `/v1/companies/${co.id}/jobs?type=Invoiceimport&state=failed`, { token: co.viewer });
    expect(failed.json.jobs.map((j: any) => j.record.id)).toEqual(['INV-3']);
    expect((await api('GET', `/v1/companies/${co.id}/jobs?q=invalid%20reference`, { token: co.viewer })).json.jobs.map((j: any) => j.record.id)).toEqual(['INV-3']);
    // The text also finds names: the sales-tax item called "FL 7%" and the failure that mentions it.
    expect((await api('GET', `/v1/companies/${co.id}/jobs?q=FL%207%25`, { token: co.viewer })).json.jobs).toHaveLength(2);
    expect((await api('GET', `/v1/companies/${co.id}/jobs?docNumber=104`, { token: co.viewer })).json.jobs[0].record.id).toBe('INV-4');
    expect((await api('GET', `/v1/companies/${co.id}/jobs?sourceId=INV-2`, { token: co.viewer })).json.jobs).toHaveLength(1);
    expect((await api('GET', `/v1/companies/${co.id}/jobs?kind=invoice,customer`, { token: co.viewer })).json.jobs).toHaveLength(6);
    expect((await api('GET', `/v1/companies/${co.id}/jobs?from=2999-01-01`, { token: co.viewer })).json.jobs).toHaveLength(0);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api('GET', `/v1/companies/${co.id}/jobs?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: co.viewer });
      seen.push(...page.json.jobs.map((j: any) => j.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const bad = await api('GET', `/v1/companies/${co.id}/jobs?state=stuck`, { token: co.viewer });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe('state[0]');
    expect((await api('GET', `/v1/companies/${co.id}/jobs?cursor=garbage`, { token: co.viewer })).json.error.field).toBe('cursor');
    expect((await api('GET', `/v1/companies/${co.id}/jobs?limit=0`, { token: co.viewer })).status).toBe(422);
  });

  it('shows a job in full: the record as sent, attempts, and what it waits for', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const inv = await put(co, 'invoices', 'INV-1', invoice());
    const waiting = await api('GET', `/v1/companies/${co.id}/jobs/${inv.json.job.id}`, { token: co.viewer });
    expect(waiting.json.recordData).toMatchObject({ docNumber: '1042', total: 62130 });
    expect(waiting.json.waitingFor.map((w: any) => w.kind).sort()).toEqual(['customer', 'item', 'sales_tax_item', 'terms']);
    const tax = waiting.json.waitingFor.find((w: any) => w.kind === 'sales_tax_item');
    expect(tax.description).toMatch(/^Salestaximport #\d+ \(queued\) for sales-tax item TX-FL$/);

    await new FakeTarget(co.id).drain();
    const done = await api('GET', `/v1/companies/${co.id}/jobs/${inv.json.job.id}`, { token: co.viewer });
    expect(done.json).toMatchObject({ state: 'synced', waitingFor: [], quickbooks: { id: expect.stringMatching(/^QB-/) } });
    expect(done.json.attemptHistory).toEqual([expect.objectContaining({ attempt: 1, outcome: 'synced', requestExcerpt: '<send invoice INV-1>' })]);
    expect((await api('GET', `/v1/companies/${co.id}/jobs/999999`, { token: co.viewer })).status).toBe(404);
    expect((await api('GET', `/v1/companies/${co.id}/jobs/abc`, { token: co.viewer })).status).toBe(422);
  });

  it('requeues by filter, refuses an empty filter and jobs that are not requeueable', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await put(co, 'accounts', 'A-9', { name: 'Busy', type: 'income' });
    let fail = true;
    await new FakeTarget(co.id, 'qbd', (job) =>
      fail && job.kind === 'account' ? { kind: 'failed', code: 'QB_BUSY', message: 'QuickBooks is busy', retryable: false } : undefined,
    ).drain();
    fail = false;
    const empty = await api('POST', `/v1/companies/${co.id}/jobs/requeue`, { token: co.operator, body: {} });
    expect(empty.status).toBe(422);
    const res = await api('POST', `/v1/companies/${co.id}/jobs/requeue`, { token: co.operator, body: { type: ['Accountimport'], state: ['failed'] } });
    expect(res.json).toEqual({ requeued: 2, stillBlocked: [] });
    const sent = await new FakeTarget(co.id).drain();
    expect(sent.filter((j) => j.kind === 'account').map((j) => j.attempt)).toEqual([1, 1]);
    const synced = (await api('GET', `/v1/companies/${co.id}/jobs?state=synced&type=Accountimport`, { token: co.viewer })).json.jobs[0];
    const again = await api('POST', `/v1/companies/${co.id}/jobs/${synced.id}/requeue`, { token: co.operator });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('synced');
  });

  it('exports CSV that a spreadsheet opens safely', async () => {
    const co = await setupCompany();
    await put(co, 'customers', 'C-1', { name: '=HYPERLINK("x"), "quoted"' });
    const csv = await api('GET', `/v1/companies/${co.id}/jobs/export.csv`, { token: co.viewer });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,type,state,record_kind,sharper_id,version,doc_number,name,date,attempts,code,message,quickbooks_id,updated_at');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    expect(lines).toHaveLength(2);
  });

  it('counts every state, zero or not', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const counts = await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer });
    expect(counts.json.byState).toEqual({ queued: 3, sending: 0, synced: 0, failed: 0, held: 0, waiting: 2, superseded: 0 });
    expect(counts.json.byType.Customerimport).toEqual({ waiting: 1 });
    expect(counts.json.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(0);
  });
});
