import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAndInvoice, seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** POSTs an update of `rec` and returns the entity QBO answers with. */
async function update(entity: string, rec: Record<string, any>, body: Record<string, unknown>, sparse: boolean) {
  const r = await h.api('POST', `/${entity.toLowerCase()}`, { Id: rec.Id, SyncToken: rec.SyncToken, ...(sparse ? { sparse: true } : {}), ...body });
  if (r.status !== 200) throw new Error(`update ${entity}: ${r.text}`);
  return r.json[entity];
}

const itemLine = (itemId: string, amount: number) => ({ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: itemId } } });

describe('Invoice', () => {
  it('a full update replaces the object: omitted DueDate is recomputed from terms, omitted SalesTermRef, BillEmail, CustomerMemo and lines go; Balance, LinkedTxn and MetaData stay', async () => {
    const { customer, services } = await customerAndInvoice(h, 'U-1');
    const net30 = await seeded(h, 'Term', 'Net 30');
    const inv = await h.create('Invoice', {
      CustomerRef: { value: customer.Id },
      TxnDate: '2026-03-01',
      DueDate: '2026-04-30',
      SalesTermRef: { value: net30.Id },
      BillEmail: { Address: 'ap@slip.test' },
      CustomerMemo: { value: 'Thanks' },
      Line: [itemLine(services.Id, 100), itemLine(services.Id, 50)],
    });
    await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 40, Line: [{ Amount: 40, LinkedTxn: [{ TxnType: 'Invoice', TxnId: inv.Id }] }] });
    const current = (await h.api('GET', `/invoice/${inv.Id}`)).json.Invoice;
    const full = await update('Invoice', current, { CustomerRef: { value: customer.Id }, TxnDate: '2026-03-01', Line: [itemLine(services.Id, 100)], Balance: 1 }, false);
    expect(full.SalesTermRef).toBeUndefined();
    expect(full.DueDate).toBe('2026-03-01');
    expect(full.BillEmail).toBeUndefined();
    expect(full.CustomerMemo).toBeUndefined();
    expect(full.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail')).toHaveLength(1);
    expect(full.Balance).toBe(60);
    expect(full.LinkedTxn).toEqual([expect.objectContaining({ TxnType: 'Payment' })]);
    expect(full.MetaData.CreateTime).toBe(inv.MetaData.CreateTime);
  });

  it('a sparse update keeps what it does not mention', async () => {
    const { customer, services } = await customerAndInvoice(h, 'U-2');
    const inv = await h.create('Invoice', {
      CustomerRef: { value: customer.Id },
      DueDate: '2026-05-01',
      BillEmail: { Address: 'ap@slip.test' },
      CustomerMemo: { value: 'Thanks' },
      Line: [itemLine(services.Id, 100)],
    });
    const sparse = await update('Invoice', inv, { PrivateNote: 'ext:1' }, true);
    expect(sparse).toMatchObject({ DueDate: '2026-05-01', BillEmail: { Address: 'ap@slip.test' }, CustomerMemo: { value: 'Thanks' }, TotalAmt: 100, PrivateNote: 'ext:1' });
  });
});

describe('CreditMemo and Payment', () => {
  it('a full CreditMemo update drops omitted fields and keeps what payments applied; sparse keeps them', async () => {
    const { customer, invoice, services } = await customerAndInvoice(h, 'U-3');
    const cm = await h.create('CreditMemo', { CustomerRef: { value: customer.Id }, PrivateNote: 'memo', CustomerMemo: { value: 'Sorry' }, Line: [itemLine(services.Id, 30)] });
    await h.create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 0,
      Line: [{ Amount: 10, LinkedTxn: [{ TxnType: 'Invoice', TxnId: invoice.Id }] }, { Amount: 10, LinkedTxn: [{ TxnType: 'CreditMemo', TxnId: cm.Id }] }],
    });
    const current = (await h.api('GET', `/creditmemo/${cm.Id}`)).json.CreditMemo;
    const kept = await update('CreditMemo', current, { DocNumber: current.DocNumber }, true);
    expect(kept).toMatchObject({ PrivateNote: 'memo', CustomerMemo: { value: 'Sorry' }, RemainingCredit: 20 });
    const full = await update('CreditMemo', kept, { CustomerRef: { value: customer.Id }, Line: [itemLine(services.Id, 30)] }, false);
    expect(full.PrivateNote).toBeUndefined();
    expect(full.CustomerMemo).toBeUndefined();
    expect(full.RemainingCredit).toBe(20);
  });

  it('a full Payment update without lines unapplies them; a sparse one keeps them', async () => {
    const { customer, invoice } = await customerAndInvoice(h, 'U-4');
    const pay = await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 50, PaymentRefNum: 'CHK-1', Line: [{ Amount: 50, LinkedTxn: [{ TxnType: 'Invoice', TxnId: invoice.Id }] }] });
    const sparse = await update('Payment', pay, { PrivateNote: 'n' }, true);
    expect(sparse).toMatchObject({ PaymentRefNum: 'CHK-1', UnappliedAmt: 0 });
    expect(sparse.Line).toHaveLength(1);
    const full = await update('Payment', sparse, { CustomerRef: { value: customer.Id }, TotalAmt: 50 }, false);
    expect(full.PaymentRefNum).toBeUndefined();
    expect(full.UnappliedAmt).toBe(50);
    expect(full.MetaData.CreateTime).toBe(pay.MetaData.CreateTime);
    expect((await h.api('GET', `/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(150);
  });
});

describe('name lists', () => {
  it('Customer: a full update clears omitted email, phone, addresses and notes but keeps Balance; sparse keeps them', async () => {
    const { customer } = await customerAndInvoice(h, 'U-5');
    const current = (await h.api('GET', `/customer/${customer.Id}`)).json.Customer;
    const contact = {
      PrimaryEmailAddr: { Address: 'a@b.test' },
      PrimaryPhone: { FreeFormNumber: '555-0100' },
      BillAddr: { Line1: '1 Dock' },
      ShipAddr: { Line1: '2 Dock' },
      Notes: 'slip 5',
    };
    const withContact = await update('Customer', current, contact, true);
    const sparse = await update('Customer', withContact, { CompanyName: 'Slip Co' }, true);
    expect(sparse).toMatchObject({ ...contact, Balance: 150 });
    const full = await update('Customer', sparse, { DisplayName: sparse.DisplayName, Balance: 0 }, false);
    for (const k of Object.keys(contact)) expect(full[k], k).toBeUndefined();
    expect(full.CompanyName).toBeUndefined();
    expect(full.Balance).toBe(150);
  });

  it('Item, Account and Term: full replaces, sparse merges; read-only balances survive', async () => {
    const income = await seeded(h, 'Account', 'Services');
    const item = await h.create('Item', { Name: 'Haul-out', Type: 'Service', Description: 'Lift', UnitPrice: 20, IncomeAccountRef: { value: income.Id } });
    expect((await update('Item', item, { Sku: 'H1' }, true)).Description).toBe('Lift');
    const fullItem = await update('Item', { ...item, SyncToken: '1' }, { Name: 'Haul-out', Type: 'Service', IncomeAccountRef: { value: income.Id } }, false);
    expect(fullItem.Description).toBeUndefined();
    expect(fullItem.UnitPrice).toBe(0);

    const acct = await h.create('Account', { Name: 'Fees', AccountType: 'Income', Description: 'slip fees', AcctNum: '4100' });
    expect((await update('Account', acct, { Name: 'Slip Fees' }, true)).Description).toBe('slip fees');
    const fullAcct = await update('Account', { ...acct, SyncToken: '1' }, { Name: 'Slip Fees', AccountType: 'Income', CurrentBalance: 99 }, false);
    expect(fullAcct.Description).toBeUndefined();
    expect(fullAcct.AcctNum).toBeUndefined();
    expect(fullAcct.CurrentBalance).toBe(0);

    const term = await h.create('Term', { Name: 'Net 45', DueDays: 45, DiscountPercent: 2, DiscountDays: 10 });
    expect((await update('Term', term, { Name: 'Net 45 days' }, true)).DiscountPercent).toBe(2);
    const fullTerm = await update('Term', { ...term, SyncToken: '1' }, { Name: 'Net 45 days', DueDays: 45 }, false);
    expect(fullTerm.DiscountPercent).toBeUndefined();
  });
});

describe('JournalEntry', () => {
  it('a full update replaces lines and drops an omitted PrivateNote; sparse keeps them', async () => {
    const bank = await seeded(h, 'Account', 'Checking');
    const income = await seeded(h, 'Account', 'Services');
    const lines = (amount: number) => [
      { DetailType: 'JournalEntryLineDetail', Amount: amount, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: bank.Id } } },
      { DetailType: 'JournalEntryLineDetail', Amount: amount, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: income.Id } } },
    ];
    const je = await h.create('JournalEntry', { TxnDate: '2026-03-02', PrivateNote: 'true-up', Line: lines(10) });
    const sparse = await update('JournalEntry', je, { DocNumber: 'JE-9' }, true);
    expect(sparse).toMatchObject({ PrivateNote: 'true-up', TotalAmt: 10 });
    const full = await update('JournalEntry', sparse, { TxnDate: '2026-03-02', Line: lines(25) }, false);
    expect(full.PrivateNote).toBeUndefined();
    expect(full.DocNumber).toBeUndefined();
    expect(full.TotalAmt).toBe(25);
    expect(full.MetaData.CreateTime).toBe(je.MetaData.CreateTime);
  });
});
