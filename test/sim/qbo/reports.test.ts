import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

function row(report: any, name: string): any {
  return report.Rows.Row.find((r: any) => r.ColData?.[0]?.value === name);
}
function grand(report: any): string[] {
  return report.Rows.Row.find((r: any) => r.group === 'GrandTotal').Summary.ColData.map((c: any) => c.value);
}

/** Three invoices of awkward cents, a partial payment, a credit memo and an A/R journal entry. */
async function fixture() {
  const services = await seeded(h, 'Item', 'Services');
  const ar = await seeded(h, 'Account', 'Accounts Receivable (A/R)');
  const income = await seeded(h, 'Account', 'Services');
  const a = await h.create('Customer', { DisplayName: 'Alpha Marina' });
  const b = await h.create('Customer', { DisplayName: 'Bravo Campground' });
  const line = (amount: number) => [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: services.Id } } }];
  const inv1 = await h.create('Invoice', { CustomerRef: { value: a.Id }, TxnDate: '2025-12-01', DueDate: '2025-12-01', Line: line(100.1) });
  await h.create('Invoice', { CustomerRef: { value: a.Id }, TxnDate: '2026-03-01', DueDate: '2026-03-31', Line: line(0.2) });
  await h.create('Invoice', { CustomerRef: { value: b.Id }, TxnDate: '2026-02-01', DueDate: '2026-02-10', Line: line(33.33) });
  await h.create('Payment', {
    CustomerRef: { value: a.Id },
    TotalAmt: 50.05,
    TxnDate: '2026-03-02',
    Line: [{ Amount: 40.03, LinkedTxn: [{ TxnId: inv1.Id, TxnType: 'Invoice' }] }],
  });
  await h.create('CreditMemo', { CustomerRef: { value: b.Id }, TxnDate: '2026-03-10', Line: line(3.33) });
  await h.create('JournalEntry', {
    TxnDate: '2026-03-05',
    Line: [
      { DetailType: 'JournalEntryLineDetail', Amount: 0.07, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: ar.Id }, Entity: { Type: 'Customer', EntityRef: { value: b.Id } } } },
      { DetailType: 'JournalEntryLineDetail', Amount: 0.07, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: income.Id } } },
    ],
  });
  return { a, b };
}

describe('reports', () => {
  it('TrialBalance balances to the cent and rolls last year into Retained Earnings', async () => {
    await fixture();
    const r = await h.api('GET', '/reports/TrialBalance?start_date=2026-01-01&end_date=2026-03-15&minorversion=75');
    expect(r.status).toBe(200);
    const tb = r.json;
    expect(tb.Header).toMatchObject({ ReportName: 'TrialBalance', StartPeriod: '2026-01-01', EndPeriod: '2026-03-15', ReportBasis: 'Accrual' });
    // A/R: 100.10 + 0.20 + 33.33 + 0.07 - 50.05 - 3.33 = 80.32
    expect(row(tb, 'Accounts Receivable (A/R)').ColData.slice(1).map((c: any) => c.value)).toEqual(['80.32', '']);
    expect(row(tb, 'Undeposited Funds').ColData[1].value).toBe('50.05');
    // 2026 income: 0.20 + 33.33 + 0.07 - 3.33 = 30.27; 2025's 100.10 is in Retained Earnings.
    expect(row(tb, 'Services').ColData.slice(1).map((c: any) => c.value)).toEqual(['', '30.27']);
    expect(row(tb, 'Retained Earnings').ColData[2].value).toBe('100.10');
    expect(grand(tb)).toEqual(['TOTAL', '130.37', '130.37']);
  });

  it('AgedReceivables buckets open balances by days past due, to the cent', async () => {
    const { a, b } = await fixture();
    const r = await h.api('GET', '/reports/AgedReceivables?report_date=2026-03-15');
    const ag = r.json;
    expect(ag.Columns.Column.map((c: any) => c.ColTitle)).toEqual(['', 'Current', '1 - 30', '31 - 60', '61 - 90', '91 and over', 'Total']);
    // Alpha: inv1 open 60.07 (104 days late → 91+), inv2 0.20 current, unapplied payment -10.02 (13 days → 1-30).
    expect(row(ag, 'Alpha Marina').ColData).toEqual([{ value: 'Alpha Marina', id: a.Id }, { value: '0.20' }, { value: '-10.02' }, { value: '' }, { value: '' }, { value: '60.07' }, { value: '50.25' }]);
    // Bravo: inv 33.33 (33 days → 31-60), credit memo -3.33 (5 days), JE 0.07 (10 days).
    expect(row(ag, 'Bravo Campground').ColData.map((c: any) => c.value)).toEqual(['Bravo Campground', '', '-3.26', '33.33', '', '', '30.07']);
    expect(grand(ag)).toEqual(['TOTAL', '0.20', '-13.28', '33.33', '0.00', '60.07', '80.32']);
    const customerTotals = (await h.api('GET', `/customer/${a.Id}`)).json.Customer.Balance + (await h.api('GET', `/customer/${b.Id}`)).json.Customer.Balance;
    expect(customerTotals).toBeCloseTo(80.32, 10);

    const detail = (await h.api('GET', '/reports/AgedReceivableDetail?report_date=2026-03-15')).json;
    expect(grand(detail).at(-1)).toBe('80.32');
    const past = (await h.api('GET', '/reports/AgedReceivables?report_date=2026-02-15')).json;
    expect(grand(past).at(-1)).toBe('133.43');
  });

  it('reports on an empty company say NoReportData', async () => {
    const r = await h.api('GET', '/reports/AgedReceivables');
    expect(r.json.Header.Option).toContainEqual({ Name: 'NoReportData', Value: 'true' });
  });
});
