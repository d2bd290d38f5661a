import { describe, expect, it } from 'vitest';
import { api, invoice, seedLists, setupCompany } from './helpers';

describe('bulk ingest', () => {
  it('accepts the good records, rejects the bad ones with their own errors, in request order', async () => {
    const co = await setupCompany({ closingDate: '2025-12-31' });
    await seedLists(co);
    const res = await api('POST', `/v1/companies/${co.id}/records/bulk`, {
      token: co.mms,
      body: {
        records: [
          { kind: 'customer', id: 'C-2', data: { name: 'Sam Sailor' } },
          { kind: 'invoice', id: 'INV-BAD', data: invoice({ total: '1.00' }) },
          { kind: 'invoice', id: 'INV-2', data: invoice({ customer: 'C-2', docNumber: '1043' }) },
          { kind: 'invoice', id: 'INV-OLD', data: invoice({ date: '2025-12-15', docNumber: '0999' }) },
          { kind: 'item', id: 'P-FUEL', data: { name: 'Fuel', type: 'non_inventory', price: '4.999', incomeAccount: 'A-4000' } },
          { kind: 'customer', id: 'C-1', data: { name: 'Jane Boater', email: 'jane@example.com', terms: 'T-NET30' } },
          { kind: 'payment', id: 'PAY-X', op: 'void' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: any) => [r.id, r.status, r.ok ? r.outcome : r.error.code])).toEqual([
      ['C-2', 201, 'created'],
      ['INV-BAD', 422, 'INTEGRITY_VIOLATION'],
      ['INV-2', 201, 'created'],
      ['INV-OLD', 409, 'CLOSED_PERIOD'],
      ['P-FUEL', 422, 'FRACTIONAL_CENT'],
      ['C-1', 200, 'unchanged'],
      ['PAY-X', 404, 'NOT_FOUND'],
    ]);
    expect(res.json.summary).toMatchObject({ accepted: 3, rejected: 4, created: 2, unchanged: 1 });
    // INV-2 refers to C-2 from the same request: it waits for C-2's job, which is queued.
    expect(res.json.results[2].job.message).toContain("Customerimport of customer 'Sam Sailor' (C-2)");
    expect((await api('GET', `/v1/companies/${co.id}/records/invoices/INV-BAD`, { token: co.mms })).status).toBe(404);
  });

  it('refuses more than 1,000 records and malformed envelopes without touching anything', async () => {
    const co = await setupCompany();
    const many = Array.from({ length: 1001 }, (_, i) => ({ kind: 'account', id: `A-${i}`, data: { name: `A ${i}`, type: 'income' } }));
    const tooMany = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: many } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'records' });
    const wrongKind = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [{ kind: 'boat', id: 'B', data: {} }] } });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.json.error.field).toBe('records[0].kind');
    const counts = await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer });
    expect(counts.json.total).toBe(0);
  });

  it('handles the same record twice in one request as two versions in order', async () => {
    const co = await setupCompany();
    const res = await api('POST', `/v1/companies/${co.id}/records/bulk`, {
      token: co.mms,
      body: {
        records: [
          { kind: 'customer', id: 'C-5', data: { name: 'First Name' } },
          { kind: 'customer', id: 'C-5', data: { name: 'Second Name' } },
        ],
      },
    });
    expect(res.json.results.map((r: any) => [r.outcome, r.version])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    const read = await api('GET', `/v1/companies/${co.id}/records/customers/C-5`, { token: co.mms });
    expect(read.json).toMatchObject({ version: 2, data: { name: 'Second Name' }, sync: { version: 2, state: 'queued' } });
    const log = await api('GET', `/v1/companies/${co.id}/jobs`, { token: co.viewer });
    expect(log.json.jobs).toHaveLength(1);
  });
});

describe('the demo marina', () => {
  it('is accepted whole, holds the invoice on the retired product, and syncs the rest', async () => {
    const { demoCompanyOperations } = await import('../fixtures/demo-company');
    const { FakeTarget } = await import('./fake-target');
    const co = await setupCompany({ accountingSystem: 'qbo' });
    const res = await api('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: demoCompanyOperations() } });
    expect(res.json.summary).toMatchObject({ accepted: 349, rejected: 0 });
    const held = await api('GET', `/v1/companies/${co.id}/jobs?state=held`, { token: co.viewer });
    expect(held.json.jobs).toHaveLength(1);
    expect(held.json.jobs[0].message).toContain("uses product 'Winter Storage (retired)' (P-WINTER), which is inactive in Sharper");
    await new FakeTarget(co.id, 'qbo').drain();
    const counts = await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer });
    expect(counts.json.byState).toMatchObject({ synced: 348, held: 1, waiting: 0, queued: 0, failed: 0 });
  });
});
