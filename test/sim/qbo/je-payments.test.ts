import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimHarness, seeded, startHarness } from './test-helpers';

let h: SimHarness;
let customer: Record<string, any>;
let je: Record<string, any>;
beforeEach(async () => {
  h = await startHarness();
  customer = await h.create('Customer', { DisplayName: 'Slip 40' });
  const ar = await seeded(h, 'Account', 'Accounts Receivable (A/R)');
  const income = await seeded(h, 'Account', 'Services');
  je = await h.create('JournalEntry', {
    TxnDate: '2026-03-01',
    DocNumber: 'JE-40',
    Line: [
      { DetailType: 'JournalEntryLineDetail', Amount: 80, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: ar.Id }, Entity: { Type: 'Customer', EntityRef: { value: customer.Id } } } },
      { DetailType: 'JournalEntryLineDetail', Amount: 80, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: income.Id } } },
    ],
  });
});
afterEach(async () => {
  await h.close();
});

const code = (r: { json: any }) => r.json.Fault?.Error?.[0]?.code as string | undefined;
const jeLink = (amount: number) => ({ Amount: amount, LinkedTxn: [{ TxnType: 'JournalEntry', TxnId: je.Id }] });
const customerBalance = async () => (await h.api('GET', `/customer/${customer.Id}`)).json.Customer.Balance;
async function openOnReport(): Promise<string | undefined> {
  const r = await h.api('GET', `/reports/AgedReceivableDetail?report_date=2026-03-15&customer=${customer.Id}`);
  for (const section of r.json.Rows.Row ?? []) {
    for (const row of section.Rows?.Row ?? []) if (row.ColData[1].id === je.Id) return row.ColData[6].value;
  }
  return undefined;
}

describe('payments that link a JournalEntry', () => {
  it('an A/R debit to the customer is an open charge: customer balance and aging count it', async () => {
    expect(await customerBalance()).toBe(80);
    expect(await openOnReport()).toBe('80.00');
  });

  it('a payment line applies against the JE charge, up to its open amount', async () => {
    const over = await h.api('POST', '/payment', { CustomerRef: { value: customer.Id }, TotalAmt: 90, Line: [jeLink(90)] });
    expect(code(over)).toBe('6000');
    const part = await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 30, TxnDate: '2026-03-05', Line: [jeLink(30)] });
    expect(part.UnappliedAmt).toBe(0);
    expect(await customerBalance()).toBe(50);
    expect(await openOnReport()).toBe('50.00');
    expect(code(await h.api('POST', '/payment', { CustomerRef: { value: customer.Id }, TotalAmt: 51, Line: [jeLink(51)] }))).toBe('6000');
    await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 50, TxnDate: '2026-03-06', Line: [jeLink(50)] });
    expect(await customerBalance()).toBe(0);
    expect(await openOnReport()).toBeUndefined();
    const summary = await h.api('GET', '/reports/AgedReceivables?report_date=2026-03-15');
    expect(JSON.stringify(summary.json.Rows.Row)).not.toContain('Slip 40');
  });

  it("refuses another customer's JE (620)", async () => {
    const other = await h.create('Customer', { DisplayName: 'Slip 41' });
    expect(code(await h.api('POST', '/payment', { CustomerRef: { value: other.Id }, TotalAmt: 10, Line: [jeLink(10)] }))).toBe('620');
  });

  it('a zero-amount payment linking a credit memo and the JE for the same amount settles both', async () => {
    const services = await seeded(h, 'Item', 'Services');
    const cm = await h.create('CreditMemo', {
      CustomerRef: { value: customer.Id },
      TxnDate: '2026-03-02',
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 80, SalesItemLineDetail: { ItemRef: { value: services.Id } } }],
    });
    expect(await customerBalance()).toBe(0);
    const pay = await h.create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 0,
      TxnDate: '2026-03-03',
      Line: [{ Amount: 80, LinkedTxn: [{ TxnType: 'CreditMemo', TxnId: cm.Id }] }, jeLink(80)],
    });
    expect(pay.UnappliedAmt).toBe(0);
    expect((await h.api('GET', `/creditmemo/${cm.Id}`)).json.CreditMemo.RemainingCredit).toBe(0);
    expect(await openOnReport()).toBeUndefined();
    expect(await customerBalance()).toBe(0);
  });

  it('an overpayment can be updated to apply its unapplied amount to the JE', async () => {
    const pay = await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 80, TxnDate: '2026-03-04' });
    expect(pay.UnappliedAmt).toBe(80);
    expect(await customerBalance()).toBe(0);
    expect(await openOnReport()).toBe('80.00');
    const upd = await h.api('POST', '/payment', { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true, Line: [jeLink(80)] });
    expect(upd.json.Payment.UnappliedAmt).toBe(0);
    expect(await openOnReport()).toBeUndefined();
    expect(await customerBalance()).toBe(0);
  });

  it('deleting a JE that a payment links is 6000, as for invoices', async () => {
    await h.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, Line: [jeLink(10)] });
    const del = await h.api('POST', '/journalentry?operation=delete', { Id: je.Id, SyncToken: je.SyncToken });
    expect(code(del)).toBe('6000');
  });
});
