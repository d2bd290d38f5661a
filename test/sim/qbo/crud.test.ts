import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndInvoice, seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('entity CRUD', () => {
  it('creates and reads a customer with QBO-owned fields filled', async () => {
    const c = await h.create('Customer', { DisplayName: 'Acme Marina', PrimaryEmailAddr: { Address: 'ap@acme.test' } });
    expect(c).toMatchObject({ DisplayName: 'Acme Marina', SyncToken: '0', Active: true, domain: 'QBO', Balance: 0 });
    expect(typeof c.Id).toBe('string');
    expect(c.MetaData.CreateTime).toBe('2026-03-15T10:00:00-08:00');
    const read = await h.api('GET', `/customer/${c.Id}?minorversion=75`);
    expect(read.status).toBe(200);
    expect(read.json.Customer.DisplayName).toBe('Acme Marina');
    expect(read.json.time).toMatch(/^2026-03-15T10:00:00\.000-08:00$/);
  });

  it('gives increasing string ids', async () => {
    const a = await h.create('Customer', { DisplayName: 'A' });
    const b = await h.create('Customer', { DisplayName: 'B' });
    expect(Number(b.Id)).toBeGreaterThan(Number(a.Id));
  });

  it('sparse update changes only the sent fields and bumps SyncToken', async () => {
    const c = await h.create('Customer', { DisplayName: 'Sparse Co', CompanyName: 'Sparse', Notes: 'keep me' });
    const r = await h.api('POST', '/customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, CompanyName: 'Sparse Inc' });
    expect(r.status).toBe(200);
    expect(r.json.Customer).toMatchObject({ CompanyName: 'Sparse Inc', Notes: 'keep me', SyncToken: '1' });
  });

  it('full update replaces the object: omitted fields are cleared', async () => {
    const c = await h.create('Customer', { DisplayName: 'Full Co', Notes: 'gone after full update' });
    const r = await h.api('POST', '/customer?operation=update', { Id: c.Id, SyncToken: '0', DisplayName: 'Full Co' });
    expect(r.status).toBe(200);
    expect(r.json.Customer.Notes).toBeUndefined();
  });

  it('rejects a stale SyncToken with 5010', async () => {
    const c = await h.create('Customer', { DisplayName: 'Stale Co' });
    await h.api('POST', '/customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'first' });
    const r = await h.api('POST', '/customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'second' });
    expect(r.status).toBe(400);
    expect(r.json.Fault.type).toBe('ValidationFault');
    expect(r.json.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
  });

  it('answers 610 Object Not Found for an unknown id', async () => {
    const r = await h.api('GET', '/invoice/99999');
    expect(r.status).toBe(400);
    expect(r.json.Fault.Error[0].code).toBe('610');
  });

  it('rejects camelCase properties with 2010', async () => {
    const r = await h.api('POST', '/customer', { displayName: 'x' });
    expect(r.json.Fault.Error[0].code).toBe('2010');
  });

  it('computes invoice totals, due date from terms, and a SubTotal line', async () => {
    const customer = await h.create('Customer', { DisplayName: 'Totals Co' });
    const services = await seeded(h, 'Item', 'Services');
    const net30 = await seeded(h, 'Term', 'Net 30');
    const inv = await h.create('Invoice', {
      CustomerRef: { value: customer.Id },
      TxnDate: '2026-03-01',
      SalesTermRef: { value: net30.Id },
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 0.3, SalesItemLineDetail: { ItemRef: { value: services.Id }, Qty: 3, UnitPrice: 0.1 } },
        { DetailType: 'SalesItemLineDetail', Amount: 19.99, SalesItemLineDetail: { ItemRef: { value: services.Id } } },
        { DetailType: 'DiscountLineDetail', Amount: 1.1, DiscountLineDetail: { PercentBased: false } },
      ],
    });
    expect(inv.TotalAmt).toBe(19.19);
    expect(inv.Balance).toBe(19.19);
    expect(inv.DueDate).toBe('2026-03-31');
    expect(inv.DocNumber).toBe('1001');
    expect(inv.CustomerRef).toEqual({ value: customer.Id, name: 'Totals Co' });
    expect(inv.Line.at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 20.29 });
  });

  it('rejects Amount != Qty x UnitPrice with 6070', async () => {
    const customer = await h.create('Customer', { DisplayName: 'Calc Co' });
    const r = await h.api('POST', '/invoice', {
      CustomerRef: { value: customer.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { Qty: 2, UnitPrice: 4 } }],
    });
    expect(r.json.Fault.Error[0].code).toBe('6070');
  });

  it('deletes and voids invoices; name lists cannot be deleted', async () => {
    const { invoice, customer } = await customerAndInvoice(h);
    const voided = await h.api('POST', '/invoice?operation=void', { Id: invoice.Id, SyncToken: invoice.SyncToken });
    expect(voided.json.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, SyncToken: '1' });
    expect(voided.json.Invoice.PrivateNote).toMatch(/^Voided/);
    const del = await h.api('POST', '/invoice?operation=delete', { Id: invoice.Id, SyncToken: '1' });
    expect(del.json.Invoice).toEqual({ domain: 'QBO', status: 'Deleted', Id: invoice.Id, MetaData: expect.any(Object) });
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Fault.Error[0].code).toBe('610');
    const custDel = await h.api('POST', '/customer?operation=delete', { Id: customer.Id, SyncToken: customer.SyncToken });
    expect(custDel.json.Fault.Error[0].code).toBe('500');
  });

  it('voids a payment with operation=update&include=void and restores the invoice balance', async () => {
    const { invoice, customer } = await customerAndInvoice(h);
    const pay = await h.create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 150,
      TxnDate: '2026-03-02',
      Line: [{ Amount: 150, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
    });
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(0);
    const v = await h.api('POST', '/payment?operation=update&include=void', { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true });
    expect(v.status).toBe(200);
    expect(v.json.Payment.TotalAmt).toBe(0);
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(150);
  });

  it('serves CompanyInfo and Preferences', async () => {
    const ci = await h.api('GET', `/companyinfo/${h.realmId}`);
    expect(ci.json.CompanyInfo.CompanyName).toBe('Sandbox Company');
    const prefs = await h.api('GET', '/preferences');
    expect(prefs.json.Preferences.SalesFormsPrefs.CustomTxnNumbers).toBe(false);
  });
});

describe('requestid idempotency', () => {
  it('replays the original response and creates one entity', async () => {
    const body = { DisplayName: 'Idem Co' };
    const first = await h.api('POST', '/customer?requestid=7f3a0a4e-1111-4c1b-9a51-5b0d1e2f3a4b', body);
    const second = await h.api('POST', '/customer?requestid=7f3a0a4e-1111-4c1b-9a51-5b0d1e2f3a4b', body);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const list = await h.api('GET', `/query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Idem Co'")}`);
    expect(list.json.QueryResponse.Customer).toHaveLength(1);
    const stats = await h.control('GET', `/realms/${h.realmId}/stats`);
    expect(stats.json.idempotentReplays).toBe(1);
  });

  it('replays a fault too, and a new requestid runs again', async () => {
    await h.create('Customer', { DisplayName: 'Taken' });
    const a = await h.api('POST', '/customer?requestid=r-1', { DisplayName: 'Taken' });
    expect(a.json.Fault.Error[0].code).toBe('6240');
    await h.control('PATCH', `/realms/${h.realmId}/entities/Customer/${(await h.api('GET', `/query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Taken'")}`)).json.QueryResponse.Customer[0].Id}`, { DisplayName: 'Renamed' });
    const b = await h.api('POST', '/customer?requestid=r-1', { DisplayName: 'Taken' });
    expect(b.json.Fault.Error[0].code).toBe('6240');
    const c = await h.api('POST', '/customer?requestid=r-2', { DisplayName: 'Taken' });
    expect(c.status).toBe(200);
  });

  it('rejects a requestid longer than 50 characters', async () => {
    const r = await h.api('POST', `/customer?requestid=${'x'.repeat(51)}`, { DisplayName: 'Long' });
    expect(r.json.Fault.Error[0].code).toBe('2050');
  });
});
