import { describe, expect, it } from 'vitest';
import { api, invoice, put, seedLists, setupCompany } from './helpers';

describe('ledger API', () => {
  it('creates a record, versions changes and queues nothing for an identical re-send', async () => {
    const co = await setupCompany();
    await seedLists(co);
    const first = await put(co, 'invoices', 'INV-1', invoice());
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ok: true, outcome: 'created', version: 1, job: { type: 'Invoiceimport', state: 'waiting' } });

    const again = await put(co, 'invoices', 'INV-1', invoice());
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: 'unchanged', version: 1, job: null });

    // The same content with keys in another order is the same record.
    const reordered = Object.fromEntries(Object.entries(invoice()).reverse());
    expect((await put(co, 'invoices', 'INV-1', reordered)).json.outcome).toBe('unchanged');

    const changed = await put(co, 'invoices', 'INV-1', invoice({ memo: 'Late fee waived' }));
    expect(changed.json).toMatchObject({ outcome: 'updated', version: 2 });

    const log = await api('GET', `/v1/companies/${co.id}/jobs?type=Invoiceimport`, { token: co.viewer });
    expect(log.json.jobs.map((j: any) => [j.record.version, j.state])).toEqual([
      [2, 'waiting'],
      [1, 'superseded'],
    ]);

    const read = await api('GET', `/v1/companies/${co.id}/records/invoices/INV-1`, { token: co.mms });
    expect(read.json).toMatchObject({ version: 2, status: 'active', data: { memo: 'Late fee waived', total: 62130, tax: 4065 } });
    expect(read.json.data.lines[0].amount).toBe(58065);
  });

  it('refuses fractions of a cent and money sent as a JSON number', async () => {
    const co = await setupCompany();
    const frac = await put(co, 'items', 'P-1', { name: 'Fuel', type: 'non_inventory', price: '4.999', incomeAccount: 'A-1' });
    expect(frac.status).toBe(422);
    expect(frac.json.error).toMatchObject({ code: 'FRACTIONAL_CENT', field: 'price', record: { kind: 'item', id: 'P-1' } });

    const number = await put(co, 'items', 'P-1', { name: 'Fuel', type: 'non_inventory', price: 4.99, incomeAccount: 'A-1' });
    expect(number.status).toBe(422);
    expect(number.json.error.code).toBe('VALIDATION_FAILED');
    expect(number.json.error.message).toContain('price');
    expect((await api('GET', `/v1/companies/${co.id}/records/items/P-1`, { token: co.mms })).status).toBe(404);
  });

  it('rejects integrity violations with the field path and keeps the accepted version', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await put(co, 'invoices', 'INV-1', invoice());

    const badTotal = await put(co, 'invoices', 'INV-1', invoice({ total: '700.00' }));
    expect(badTotal.status).toBe(422);
    expect(badTotal.json.error).toMatchObject({ code: 'INTEGRITY_VIOLATION', field: 'total' });
    expect(badTotal.json.error.message).toContain('621.30');

    const badLine = await put(co, 'invoices', 'INV-2', invoice({ lines: [{ item: 'P-SLIP40', quantity: '2', rate: '10.00', amount: '25.00' }], tax: '0', total: undefined }));
    expect(badLine.json.error).toMatchObject({ code: 'INTEGRITY_VIOLATION', field: 'lines[0].amount' });

    const unbalanced = await put(co, 'journal-entries', 'JE-1', {
      date: '2026-03-31',
      lines: [
        { account: 'A-2400', debit: '100.00' },
        { account: 'A-4000', credit: '99.99' },
      ],
    });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.json.error).toMatchObject({ code: 'INTEGRITY_VIOLATION', field: 'lines' });

    const overApplied = await put(co, 'payments', 'PAY-1', {
      customer: 'C-1',
      date: '2026-03-05',
      method: 'card',
      amount: '100.00',
      applications: [
        { invoice: 'INV-1', amount: '80.00' },
        { invoice: 'INV-9', amount: '30.00' },
      ],
    });
    expect(overApplied.json.error).toMatchObject({ code: 'INTEGRITY_VIOLATION', field: 'applications' });

    const read = await api('GET', `/v1/companies/${co.id}/records/invoices/INV-1`, { token: co.mms });
    expect(read.json).toMatchObject({ version: 1, data: { total: 62130 } });
  });

  it('refuses to create, change or void anything dated on or before the closing date', async () => {
    const co = await setupCompany({ closingDate: '2026-01-31' });
    await seedLists(co);
    const closed = await put(co, 'invoices', 'INV-OLD', invoice({ date: '2026-01-31' }));
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: 'CLOSED_PERIOD', field: 'date' });
    expect(closed.json.error.message).toContain('2026-01-31');

    expect((await put(co, 'invoices', 'INV-FEB', invoice({ date: '2026-02-01' }))).status).toBe(201);
    const lock = await api('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { closingDate: '2026-02-28' } });
    expect(lock.status).toBe(200);

    // Moving a closed record into an open month is changing closed books too.
    const moved = await put(co, 'invoices', 'INV-FEB', invoice({ date: '2026-03-02' }));
    expect(moved.json.error.code).toBe('CLOSED_PERIOD');
    const voided = await api('POST', `/v1/companies/${co.id}/records/invoices/INV-FEB/void`, { token: co.mms });
    expect(voided.status).toBe(409);
    expect(voided.json.error.code).toBe('CLOSED_PERIOD');
    // Lists carry no date and stay editable.
    expect((await put(co, 'customers', 'C-1', { name: 'Jane Boater', email: 'jane@new.example.com' })).status).toBe(200);
  });

  it('voids and deletes as new versions, and refuses changes to a voided record', async () => {
    const co = await setupCompany();
    await seedLists(co);
    await put(co, 'invoices', 'INV-1', invoice());
    const voided = await api('POST', `/v1/companies/${co.id}/records/invoices/INV-1/void`, { token: co.mms });
    expect(voided.json).toMatchObject({ outcome: 'voided', version: 2 });
    // Never sent to QuickBooks: nothing to void there, and the unsent add is superseded.
    expect(voided.json.job).toMatchObject({ state: 'synced' });
    const change = await put(co, 'invoices', 'INV-1', invoice({ memo: 'x' }));
    expect(change.status).toBe(409);
    expect(change.json.error.code).toBe('CONFLICT');

    const cantVoid = await api('POST', `/v1/companies/${co.id}/records/customers/C-1/void`, { token: co.mms });
    expect(cantVoid.status).toBe(422);
    expect(cantVoid.json.error.code).toBe('UNSUPPORTED_OPERATION');
    const missing = await api('DELETE', `/v1/companies/${co.id}/records/payments/NOPE`, { token: co.mms });
    expect(missing.status).toBe(404);
    expect(missing.json.error.record).toEqual({ kind: 'payment', id: 'NOPE' });
  });

  it('queues nothing for a company that keeps no books in QuickBooks', async () => {
    const co = await setupCompany({ accountingSystem: 'none' });
    await seedLists(co);
    const res = await put(co, 'invoices', 'INV-1', invoice());
    expect(res.json).toMatchObject({ outcome: 'created', job: null });
    const counts = await api('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer });
    expect(counts.json.total).toBe(0);
  });

  it('answers malformed requests with specific errors', async () => {
    const co = await setupCompany();
    const badJson = await api('PUT', `/v1/companies/${co.id}/records/customers/C-1`, { token: co.mms, raw: '{"name": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.code).toBe('BAD_REQUEST');
    const unknownKind = await put(co, 'boats', 'B-1', { name: 'x' });
    expect(unknownKind.status).toBe(404);
    expect(unknownKind.json.error.message).toContain('invoices');
    const unknownField = await put(co, 'customers', 'C-1', { name: 'x', nickname: 'y' });
    expect(unknownField.status).toBe(422);
    expect(unknownField.json.error.message).toContain('nickname');
    const badId = await put(co, 'customers', 'C 1', { name: 'x' });
    expect(badId.status).toBe(422);
    expect(badId.json.error.field).toBe('id');
  });
});
