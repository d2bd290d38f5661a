import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndInvoice, seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const code = (r: { json: any }) => r.json.Fault?.Error?.[0]?.code as string | undefined;

describe('name rules', () => {
  it('DisplayName is unique across customers, vendors and employees, case-insensitively (6240)', async () => {
    await h.create('Vendor', { DisplayName: 'Harbor Supply' });
    expect(code(await h.api('POST', '/customer', { DisplayName: 'harbor supply' }))).toBe('6240');
    expect(code(await h.api('POST', '/employee', { DisplayName: 'Harbor Supply' }))).toBe('6240');
  });

  it('a deactivated customer becomes "X (deleted)", freeing its name', async () => {
    const c = await h.create('Customer', { DisplayName: 'Slip 12' });
    const off = await h.api('POST', '/customer', { Id: c.Id, SyncToken: '0', sparse: true, Active: false });
    expect(off.json.Customer.DisplayName).toBe('Slip 12 (deleted)');
    expect((await h.api('POST', '/customer', { DisplayName: 'Slip 12' })).status).toBe(200);
  });

  it('rejects a colon in DisplayName and a missing name', async () => {
    expect(code(await h.api('POST', '/customer', { DisplayName: 'A:B' }))).toBe('2010');
    expect(code(await h.api('POST', '/customer', { CompanyName: 'No display' }))).toBe('2020');
  });

  it('items need an income account; duplicate item names are 6240', async () => {
    expect(code(await h.api('POST', '/item', { Name: 'Dockage', Type: 'Service' }))).toBe('2020');
    const income = await seeded(h, 'Account', 'Services');
    await h.create('Item', { Name: 'Dockage', Type: 'Service', IncomeAccountRef: { value: income.Id } });
    expect(code(await h.api('POST', '/item', { Name: 'dockage', Type: 'Service', IncomeAccountRef: { value: income.Id } }))).toBe('6240');
    expect(code(await h.api('POST', '/item', { Name: 'Fuel', Type: 'Inventory', IncomeAccountRef: { value: income.Id } }))).toBe('2020');
  });
});

describe('transaction rules', () => {
  it('duplicate invoice DocNumber is 6140 while the realm warns; allowed with include=allowduplicatedocnum or the setting off', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'AR-100');
    const body = {
      CustomerRef: { value: customer.Id },
      DocNumber: 'AR-100',
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: services.Id } } }],
    };
    const dup = await h.api('POST', '/invoice', body);
    expect(code(dup)).toBe('6140');
    expect(dup.json.Fault.Error[0].Detail).toContain(`DocNumber=AR-100 is assigned to TxnType=Invoice with TxnId=${invoice.Id}`);
    expect((await h.api('POST', '/invoice?include=allowduplicatedocnum', body)).status).toBe(200);
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { warnDuplicateDocNumber: false });
    expect((await h.api('POST', '/invoice', body)).status).toBe(200);
  });

  it('unknown references are 2500, inactive ones 610', async () => {
    const { customer, services } = await customerAndInvoice(h);
    const line = (itemId: string) => [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: itemId } } }];
    expect(code(await h.api('POST', '/invoice', { CustomerRef: { value: '9999' }, Line: line(services.Id) }))).toBe('2500');
    expect(code(await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: line('9999') }))).toBe('2500');
    await h.api('POST', '/item', { Id: services.Id, SyncToken: services.SyncToken, sparse: true, Active: false });
    expect(code(await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, Line: line(services.Id) }))).toBe('610');
    expect(code(await h.api('POST', '/invoice', { Line: line(services.Id) }))).toBe('2020');
  });

  it('rejects transactions dated on or before the closing date (6210)', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h);
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { closingDate: '2026-02-28' });
    const line = [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: services.Id } } }];
    expect(code(await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, TxnDate: '2026-02-28', Line: line }))).toBe('6210');
    expect((await h.api('POST', '/invoice', { CustomerRef: { value: customer.Id }, TxnDate: '2026-03-01', Line: line })).status).toBe(200);
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { closingDate: '2026-03-01' });
    const upd = await h.api('POST', '/invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken, sparse: true, PrivateNote: 'x' });
    expect(code(upd)).toBe('6210');
  });

  it('journal entries must balance, and A/R lines need a customer', async () => {
    const ar = await seeded(h, 'Account', 'Accounts Receivable (A/R)');
    const income = await seeded(h, 'Account', 'Services');
    const c = await h.create('Customer', { DisplayName: 'JE Co' });
    const line = (type: string, account: string, amount: number, entity?: string) => ({
      DetailType: 'JournalEntryLineDetail',
      Amount: amount,
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account }, ...(entity ? { Entity: { Type: 'Customer', EntityRef: { value: entity } } } : {}) },
    });
    expect(code(await h.api('POST', '/journalentry', { Line: [line('Debit', ar.Id, 100, c.Id), line('Credit', income.Id, 99.99)] }))).toBe('6000');
    expect(code(await h.api('POST', '/journalentry', { Line: [line('Debit', ar.Id, 100), line('Credit', income.Id, 100)] }))).toBe('6000');
    const ok = await h.create('JournalEntry', { TxnDate: '2026-03-02', Line: [line('Debit', ar.Id, 100, c.Id), line('Credit', income.Id, 100)] });
    expect(ok.TotalAmt).toBe(100);
  });

  it('payments reduce invoice balance, bump the invoice SyncToken, and cannot overpay', async () => {
    const { customer, invoice } = await customerAndInvoice(h, 'INV-P', 150);
    const pay = (amount: number, total = amount) => ({
      CustomerRef: { value: customer.Id },
      TotalAmt: total,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
    });
    const p1 = await h.create('Payment', pay(100.1));
    expect(p1.UnappliedAmt).toBe(0);
    const inv = (await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
    expect(inv.Balance).toBe(49.9);
    expect(inv.SyncToken).toBe('1');
    expect(inv.LinkedTxn).toEqual([{ TxnId: p1.Id, TxnType: 'Payment' }]);
    expect(code(await h.api('POST', '/payment', pay(49.91)))).toBe('6000');
    expect(code(await h.api('POST', '/payment', pay(10, 5)))).toBe('6000');
    const p2 = await h.create('Payment', pay(49.9, 60));
    expect(p2.UnappliedAmt).toBe(10.1);
    expect((await h.api('GET', `/customer/${customer.Id}`)).json.Customer.Balance).toBe(-10.1);
    expect(code(await h.api('POST', '/invoice?operation=delete', { Id: invoice.Id, SyncToken: '2' }))).toBe('6000');
  });

  it('a payment cannot link another customer’s invoice (620)', async () => {
    const { invoice } = await customerAndInvoice(h, 'INV-A');
    const other = await h.create('Customer', { DisplayName: 'Other' });
    const r = await h.api('POST', '/payment', {
      CustomerRef: { value: other.Id },
      TotalAmt: 10,
      Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
    });
    expect(code(r)).toBe('620');
  });

  it('applies a credit memo to an invoice through a zero payment', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'INV-CM', 150);
    const cm = await h.create('CreditMemo', {
      CustomerRef: { value: customer.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 40, SalesItemLineDetail: { ItemRef: { value: services.Id } } }],
    });
    expect(cm.RemainingCredit).toBe(40);
    expect((await h.api('GET', `/customer/${customer.Id}`)).json.Customer.Balance).toBe(110);
    await h.create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 0,
      Line: [
        { Amount: 40, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        { Amount: 40, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(110);
    expect((await h.api('GET', `/creditmemo/${cm.Id}`)).json.CreditMemo.RemainingCredit).toBe(0);
    expect((await h.api('GET', `/customer/${customer.Id}`)).json.Customer.Balance).toBe(110);
  });

  it('refuses a credit application beyond what the invoice has open or the memo has left (6000), changing nothing', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'INV-OVER', 100);
    const memo = (amount: number) =>
      h.create('CreditMemo', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: services.Id } } }] });
    const apply = (memoId: string, amount: number) => ({
      CustomerRef: { value: customer.Id },
      TotalAmt: 0,
      Line: [
        { Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        { Amount: amount, LinkedTxn: [{ TxnId: memoId, TxnType: 'CreditMemo' }] },
      ],
    });
    await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 90, Line: [{ Amount: 90, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    const big = await memo(30);
    const refused = await h.api('POST', '/payment', apply(big.Id, 30));
    expect(code(refused)).toBe('6000');
    expect(refused.json.Fault.Error[0].Detail).toMatch(/more than its open balance \(10\)/);
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(10);
    expect((await h.api('GET', `/creditmemo/${big.Id}`)).json.CreditMemo.RemainingCredit).toBe(30);

    const small = await memo(5);
    await h.create('Payment', apply(small.Id, 5));
    expect(code(await h.api('POST', '/payment', apply(small.Id, 1)))).toBe('6000');
    expect((await h.api('GET', `/creditmemo/${small.Id}`)).json.CreditMemo.RemainingCredit).toBe(0);
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(5);
  });

  it('an applied credit memo cannot be deleted until its application payment is; then the invoice is open again', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'INV-DEL', 100);
    const cm = await h.create('CreditMemo', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 30, SalesItemLineDetail: { ItemRef: { value: services.Id } } }] });
    const link = await h.create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 0,
      Line: [
        { Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(link.UnappliedAmt).toBe(0);
    const memoNow = (await h.api('GET', `/creditmemo/${cm.Id}`)).json.CreditMemo;
    expect(code(await h.api('POST', '/creditmemo?operation=delete', { Id: cm.Id, SyncToken: memoNow.SyncToken }))).toBe('6000');
    expect((await h.api('POST', '/payment?operation=delete', { Id: link.Id, SyncToken: link.SyncToken })).status).toBe(200);
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(100);
    const freed = (await h.api('GET', `/creditmemo/${cm.Id}`)).json.CreditMemo;
    expect(freed.RemainingCredit).toBe(30);
    expect((await h.api('POST', '/creditmemo?operation=delete', { Id: cm.Id, SyncToken: freed.SyncToken })).status).toBe(200);
  });

  it('taxservice creates a code and rates; invoices compute TxnTaxDetail from it (manual sales tax)', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { automatedSalesTax: false });
    const agency = await h.create('TaxAgency', { DisplayName: 'CA Dept of Tax' });
    const ts = await h.api('POST', '/taxservice/taxcode', {
      TaxCode: 'CA 8.75',
      TaxRateDetails: [
        { TaxRateName: 'CA state', RateValue: '7.25', TaxAgencyId: agency.Id, TaxApplicableOn: 'Sales' },
        { TaxRateName: 'CA district', RateValue: '1.5', TaxAgencyId: agency.Id, TaxApplicableOn: 'Sales' },
      ],
    });
    expect(ts.status).toBe(200);
    expect(ts.json.TaxRateDetails).toHaveLength(2);
    const taxCode = (await h.api('GET', `/taxcode/${ts.json.TaxCodeId}`)).json.TaxCode;
    expect(taxCode.TaxGroup).toBe(true);
    const customer = await h.create('Customer', { DisplayName: 'Taxed' });
    const services = await seeded(h, 'Item', 'Services');
    const inv = await h.create('Invoice', {
      CustomerRef: { value: customer.Id },
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 99.99, SalesItemLineDetail: { ItemRef: { value: services.Id }, TaxCodeRef: { value: 'TAX' } } },
        { DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: services.Id }, TaxCodeRef: { value: 'NON' } } },
      ],
      TxnTaxDetail: { TxnTaxCodeRef: { value: ts.json.TaxCodeId } },
    });
    // 99.99 × 7.25 % = 7.249 → 7.25; 99.99 × 1.5 % = 1.49985 → 1.50
    expect(inv.TxnTaxDetail.TotalTax).toBe(8.75);
    expect(inv.TotalAmt).toBe(118.74);
    const explicit = await h.create('Invoice', {
      CustomerRef: { value: customer.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: services.Id }, TaxCodeRef: { value: 'TAX' } } }],
      TxnTaxDetail: { TxnTaxCodeRef: { value: ts.json.TaxCodeId }, TotalTax: 9 },
    });
    expect(explicit.TotalAmt).toBe(109);
    expect(explicit.TxnTaxDetail.TaxLine.map((l: any) => l.Amount).reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(9, 10);
    expect(code(await h.api('POST', '/taxcode', { Name: 'nope' }))).toBe('500');
  });
});
