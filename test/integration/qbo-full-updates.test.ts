import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, newRealm, runCron } from './qbo-helpers';

const rec = (kind: string, id: string, data: Record<string, unknown>) => ({ kind, id, data });
const first = [
  rec('account', 'A-4000', { name: 'Slip Rental Income', type: 'income', description: 'Monthly and transient slips' }),
  rec('account', 'A-1010', { name: 'Operating Checking', type: 'bank' }),
  rec('account', 'A-6000', { name: 'Dock Repairs', type: 'expense' }),
  rec('terms', 'T-2-10', { name: '2% 10 Net 30', netDays: 30, discountPercent: '2', discountDays: 10 }),
  rec('item', 'P-SLIP', { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000', description: 'Per month, 40 ft' }),
  rec('item', 'P-FUEL', { name: 'Fuel', type: 'service', price: '5.00', incomeAccount: 'A-4000' }),
  rec('customer', 'C-1', { name: 'Anchor, Ava', email: 'ava@example.com', phone: '305-555-0101', billingAddress: { line1: '1 Dock St', city: 'Miami', state: 'FL', postalCode: '33101', country: 'USA' }, terms: 'T-2-10' }),
  rec('invoice', 'INV-1', { customer: 'C-1', date: '2026-03-02', docNumber: '201', terms: 'T-2-10', dueDate: '2026-04-30', memo: 'Spring', lines: [{ item: 'P-SLIP', amount: '100.00' }, { item: 'P-FUEL', amount: '25.00' }], tax: '8.75' }),
  rec('credit_memo', 'CM-1', { customer: 'C-1', date: '2026-03-03', docNumber: 'CM-201', lines: [{ item: 'P-SLIP', amount: '10.00' }, { item: 'P-FUEL', amount: '5.00' }], tax: '0' }),
  rec('payment', 'PAY-1', { customer: 'C-1', date: '2026-03-04', method: 'check', reference: '1001', depositAccount: 'A-1010', amount: '50.00', applications: [{ invoice: 'INV-1', amount: '50.00' }] }),
  rec('journal_entry', 'JE-1', { date: '2026-03-05', docNumber: 'JE-201', memo: 'Repairs', lines: [{ account: 'A-6000', debit: '40.00', memo: 'Pilings' }, { account: 'A-1010', credit: '40.00', memo: 'Check 77' }] }),
];
// The same records with what Sharper removed: QBO must end without it (a sparse update would keep it).
const second = [
  rec('account', 'A-4000', { name: 'Slip Rental Income', type: 'income' }),
  rec('terms', 'T-2-10', { name: '2% 10 Net 30', netDays: 30 }),
  rec('item', 'P-SLIP', { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000' }),
  rec('customer', 'C-1', { name: 'Anchor, Ava' }),
  rec('invoice', 'INV-1', { customer: 'C-1', date: '2026-03-02', docNumber: '201', lines: [{ item: 'P-SLIP', amount: '100.00' }], tax: '0' }),
  rec('credit_memo', 'CM-1', { customer: 'C-1', date: '2026-03-03', docNumber: 'CM-201', lines: [{ item: 'P-SLIP', amount: '10.00' }], tax: '0' }),
  rec('payment', 'PAY-1', { customer: 'C-1', date: '2026-03-04', method: 'check', depositAccount: 'A-1010', amount: '50.00', applications: [], unapplied: '50.00' }),
  rec('journal_entry', 'JE-1', { date: '2026-03-05', docNumber: 'JE-201', lines: [{ account: 'A-6000', debit: '40.00' }, { account: 'A-1010', credit: '40.00' }] }),
];

const one = async (realm: string, entity: string, test: (e: any) => boolean) => {
  const found = (await entities(realm, entity)).filter(test);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('QBO updates leave nothing stale', () => {
  it('a field removed in Sharper is gone from QuickBooks after the update, for every kind', async () => {
    const co = await createQboCompany('Full Update Marina');
    const realm = await newRealm();
    await connect(co, realm);
    for (const batch of [first, second]) {
      const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: batch } });
      expect(res.status, res.text).toBeLessThan(300);
      await runCron();
      const counts = (await call('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState;
      expect(counts, JSON.stringify(counts)).toMatchObject({ queued: 0, failed: 0, held: 0, waiting: 0 });
    }
    const customer = await one(realm, 'Customer', (c) => c.DisplayName === 'Anchor, Ava');
    expect(customer.PrimaryEmailAddr).toBeUndefined();
    expect(customer.PrimaryPhone).toBeUndefined();
    expect(customer.BillAddr).toBeUndefined();
    expect(customer.SalesTermRef).toBeUndefined();

    const invoice = await one(realm, 'Invoice', (i) => i.DocNumber === '201');
    expect(invoice.SalesTermRef).toBeUndefined();
    expect(invoice.DueDate).toBe('2026-03-02'); // no terms, no due date from Sharper: due on its date
    expect(invoice.PrivateNote).toBe('Sharper invoice INV-1');
    expect(invoice.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail').map((l: any) => l.Amount)).toEqual([100]);
    expect(invoice).toMatchObject({ TotalAmt: 100, TxnTaxDetail: { TotalTax: 0 } });

    const memo = await one(realm, 'CreditMemo', (m) => m.DocNumber === 'CM-201');
    expect(memo.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail')).toHaveLength(1);
    expect(memo.TotalAmt).toBe(10);

    const payment = await one(realm, 'Payment', (p) => /Sharper payment PAY-1/.test(p.PrivateNote ?? ''));
    expect(payment.Line ?? []).toEqual([]);
    expect(payment.PaymentRefNum).toBeUndefined();
    expect(Number(payment.UnappliedAmt)).toBe(50);
    expect(Number(invoice.Balance)).toBe(100);

    const journal = await one(realm, 'JournalEntry', (j) => j.DocNumber === 'JE-201');
    expect(journal.PrivateNote).toBe('Sharper journal_entry JE-1');
    expect(journal.Line.map((l: any) => l.Description)).toEqual([undefined, undefined]);

    expect((await one(realm, 'Item', (i) => i.Name === 'Slip Rental')).Description ?? '').toBe('');
    expect((await one(realm, 'Account', (a) => a.Name === 'Slip Rental Income')).Description).toBeUndefined();
    const terms = await one(realm, 'Term', (t) => t.Name === '2% 10 Net 30');
    expect(terms.DiscountPercent).toBeUndefined();
    expect(terms.DiscountDays).toBeUndefined();
  });
});
