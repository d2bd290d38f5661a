import { beforeEach, describe, expect, it } from 'vitest';
import { createQbdCompany, type QbdCompany } from './company/company.js';
import { QbComError } from './company/status.js';
import type { XNode } from './company/xml.js';
import { validateWithXsd } from './company/xsd.js';
import { customerAdd, field, qbxml, responses, serviceItemAdd } from './fixtures.js';

// Uses QBXML_SCHEMA_DIR when set: every request here is checked by xmllint, and so is every response.
const schemaDir = process.env.QBXML_SCHEMA_DIR;
let c: QbdCompany;

function run(body: string) {
  const xml = c.processRequest(qbxml(body, { onError: 'continueOnError' }));
  if (schemaDir) expect(validateWithXsd(xml, schemaDir)).toEqual({ ok: true, errors: [] });
  return responses(xml);
}
const ok = (body: string) => {
  const [rs] = run(body);
  expect(rs.attrs.statusCode, rs.attrs.statusMessage).toBe('0');
  return rs.rets[0];
};

const invoice = (customer: string, ref: string, date: string, amount: string) =>
  `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${customer}</FullName></CustomerRef><TxnDate>${date}</TxnDate><RefNumber>${ref}</RefNumber>` +
  `<InvoiceLineAdd><ItemRef><FullName>Dockage</FullName></ItemRef><Amount>${amount}</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`;
const payment = (customer: string, date: string, txnId: string, amount: string) =>
  `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${customer}</FullName></CustomerRef><TxnDate>${date}</TxnDate><RefNumber>CHK-${date}</RefNumber>` +
  `<TotalAmount>${amount}</TotalAmount><AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`;
const trialBalanceRq = (from: string | null, to: string, extra = '') =>
  `<GeneralSummaryReportQueryRq requestID="tb"><GeneralSummaryReportType>TrialBalance</GeneralSummaryReportType>` +
  `<ReportPeriod>${from ? `<FromReportDate>${from}</FromReportDate>` : ''}<ToReportDate>${to}</ToReportDate></ReportPeriod>${extra}</GeneralSummaryReportQueryRq>`;
const COLUMNS = ['TxnID', 'TxnType', 'Date', 'RefNumber', 'Name', 'Amount', 'OpenBalance'];
const agingRq = (to: string, type = 'ARAgingDetail') =>
  `<AgingReportQueryRq requestID="ar"><AgingReportType>${type}</AgingReportType><ReportPeriod><ToReportDate>${to}</ToReportDate></ReportPeriod>` +
  `${COLUMNS.map((col) => `<IncludeColumn>${col}</IncludeColumn>`).join('')}<ReportAgingAsOf>ReportEndDate</ReportAgingAsOf></AgingReportQueryRq>`;

/** Reads a ReportRet's DataRows as `{ColType: value}` objects, by the colIDs its ColDesc declares. */
function dataRows(report: XNode): Record<string, string>[] {
  const types = new Map(report.children.filter((n) => n.name === 'ColDesc').map((d) => [d.attrs.colID, d.children.find((n) => n.name === 'ColType')!.text]));
  const data = report.children.find((n) => n.name === 'ReportData')?.children ?? [];
  return data.filter((r) => r.name === 'DataRow').map((r) => Object.fromEntries(r.children.filter((n) => n.name === 'ColData').map((d) => [types.get(d.attrs.colID)!, d.attrs.value])));
}
const totalRow = (report: XNode) => report.children.find((n) => n.name === 'ReportData')!.children.find((r) => r.name === 'TotalRow')!;

/**
 * A/R through March 2026: a 2025 invoice (B), a January invoice half paid in March (A), a March
 * invoice paid in April (A), an unapplied credit memo (B) and a journal entry to A/R (A).
 */
let ids: Record<string, string>;
beforeEach(() => {
  c = createQbdCompany({ now: () => new Date('2026-04-15T15:00:00Z') });
  run(customerAdd('Anchor, Ava') + customerAdd('Bay &amp; Sons', '', '2') + serviceItemAdd('Dockage', '10.00'));
  ids = {};
  ids.old = field(ok(invoice('Bay &amp; Sons', 'B-2025', '2025-12-15', '50.00')), 'TxnID')!;
  ids.jan = field(ok(invoice('Anchor, Ava', 'A-JAN', '2026-01-10', '100.00')), 'TxnID')!;
  ids.mar = field(ok(invoice('Anchor, Ava', 'A-MAR', '2026-03-05', '200.00')), 'TxnID')!;
  ids.payMar = field(ok(payment('Anchor, Ava', '2026-03-10', ids.jan, '60.00')), 'TxnID')!;
  ids.payApr = field(ok(payment('Anchor, Ava', '2026-04-02', ids.mar, '200.00')), 'TxnID')!;
  ids.credit = field(ok('<CreditMemoAddRq><CreditMemoAdd><CustomerRef><FullName>Bay &amp; Sons</FullName></CustomerRef><TxnDate>2026-03-20</TxnDate><RefNumber>CM-1</RefNumber>' +
    '<CreditMemoLineAdd><ItemRef><FullName>Dockage</FullName></ItemRef><Amount>10.00</Amount></CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>'), 'TxnID')!;
  ids.je = field(ok('<JournalEntryAddRq><JournalEntryAdd><TxnDate>2026-03-25</TxnDate><RefNumber>JE-1</RefNumber>' +
    '<JournalDebitLine><AccountRef><FullName>Accounts Receivable</FullName></AccountRef><Amount>5.00</Amount><EntityRef><FullName>Anchor, Ava</FullName></EntityRef></JournalDebitLine>' +
    '<JournalCreditLine><AccountRef><FullName>Sales</FullName></AccountRef><Amount>5.00</Amount></JournalCreditLine></JournalEntryAdd></JournalEntryAddRq>'), 'TxnID')!;
});

describe('GeneralSummaryReportQuery TrialBalance', () => {
  it('balances as of the end date: balance-sheet accounts from the start, income from the fiscal year, the rest in Retained Earnings', () => {
    const report = ok(trialBalanceRq('2026-01-01', '2026-03-31'));
    expect(field(report, 'ReportTitle')).toBe('Trial Balance');
    expect(field(report, 'ReportSubtitle')).toBe('As of March 31, 2026');
    expect(field(report, 'ReportBasis')).toBe('Accrual');
    expect(dataRows(report)).toEqual([
      { Label: 'Accounts Receivable', Debit: '285.00' }, // 50 + (100 − 60) + 200 − 10 + 5; April's payment is later
      { Label: 'Undeposited Funds', Debit: '60.00' },
      { Label: 'Sales', Credit: '295.00' }, // 2026 only: 100 + 200 − 10 + 5
      { Label: 'Retained Earnings', Credit: '50.00' }, // the 2025 invoice
    ]);
    const total = totalRow(report).children.filter((n) => n.name === 'ColData').map((d) => d.attrs.value);
    expect(total).toEqual(['TOTAL', '345.00', '345.00']);
  });

  it('without a start date takes the fiscal year of the end date; a later end date sees later payments', () => {
    const rows = dataRows(ok(trialBalanceRq(null, '2026-04-30')));
    expect(rows).toContainEqual({ Label: 'Accounts Receivable', Debit: '85.00' });
    expect(rows).toContainEqual({ Label: 'Undeposited Funds', Debit: '260.00' });
  });

  it('refuses what it does not simulate (cash basis, other report types, filters) with 1030, not wrong figures', () => {
    const [cash] = run(trialBalanceRq('2026-01-01', '2026-03-31', '<ReportBasis>Cash</ReportBasis>'));
    expect(cash.attrs.statusCode).toBe('1030');
    const [pl] = run('<GeneralSummaryReportQueryRq><GeneralSummaryReportType>ProfitAndLossStandard</GeneralSummaryReportType></GeneralSummaryReportQueryRq>');
    expect(pl.attrs.statusCode).toBe('1030');
  });

  it('a report request out of schema order is a parse error for the whole message', () => {
    expect(() => c.processRequest(qbxml('<GeneralSummaryReportQueryRq><ReportBasis>Accrual</ReportBasis><GeneralSummaryReportType>TrialBalance</GeneralSummaryReportType></GeneralSummaryReportQueryRq>')))
      .toThrowError(QbComError);
  });
});

describe('AgingReportQuery ARAgingDetail', () => {
  it('lists what is open as of the report date, with the asked columns, adding up to each customer\'s A/R', () => {
    const report = ok(agingRq('2026-03-31'));
    expect(field(report, 'ReportTitle')).toBe('A/R Aging Detail');
    const rows = dataRows(report);
    expect(rows.map((r) => [r.TxnID, r.TxnType, r.RefNumber, r.Name, r.Amount, r.OpenBalance])).toEqual(expect.arrayContaining([
      [ids.old, 'Invoice', 'B-2025', 'Bay & Sons', '50.00', '50.00'],
      [ids.jan, 'Invoice', 'A-JAN', 'Anchor, Ava', '100.00', '40.00'],
      [ids.mar, 'Invoice', 'A-MAR', 'Anchor, Ava', '200.00', '200.00'], // paid on April 2: still open on March 31
      [ids.credit, 'Credit Memo', 'CM-1', 'Bay & Sons', '-10.00', '-10.00'],
      [ids.je, 'General Journal', 'JE-1', 'Anchor, Ava', '5.00', '5.00'],
    ]));
    expect(rows).toHaveLength(5); // the March payment is fully applied, the April one is later
    const sum = (name: string) => rows.filter((r) => r.Name === name).reduce((s, r) => s + Math.round(Number(r.OpenBalance) * 100), 0);
    expect([sum('Anchor, Ava'), sum('Bay & Sons')]).toEqual([24500, 4000]);
    const total = totalRow(report).children.filter((n) => n.name === 'ColData').map((d) => d.attrs.value);
    expect(total.at(-1)).toBe('285.00'); // = the trial balance's Accounts Receivable
    // Grouped by days past due, as QuickBooks prints it.
    const labels = report.children.find((n) => n.name === 'ReportData')!.children.filter((r) => r.name === 'TextRow').map((r) => r.attrs.value);
    expect(labels).toEqual(['1 - 30', '61 - 90', '> 90']);
  });

  it('as of today (all payments in) and after a payment is deleted in QuickBooks', () => {
    expect(dataRows(ok(agingRq('2026-04-30'))).find((r) => r.TxnID === ids.mar)).toBeUndefined();
    ok(`<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${ids.payMar}</TxnID></TxnDelRq>`);
    expect(dataRows(ok(agingRq('2026-03-31'))).find((r) => r.TxnID === ids.jan)?.OpenBalance).toBe('100.00');
  });

  it('only ARAgingDetail aged to the report date is simulated', () => {
    const [summary] = run(agingRq('2026-03-31', 'ARAgingSummary'));
    expect(summary.attrs.statusCode).toBe('1030');
  });
});

describe('TxnDeletedQuery', () => {
  it('names deleted transactions of the asked types; none is status 1', () => {
    const q = `<TxnDeletedQueryRq requestID="del">${['Invoice', 'ReceivePayment', 'CreditMemo'].map((t) => `<TxnDelType>${t}</TxnDelType>`).join('')}</TxnDeletedQueryRq>`;
    expect(run(q)[0].attrs.statusCode).toBe('1');
    ok(`<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${ids.payApr}</TxnID></TxnDelRq>`);
    const [rs] = run(q);
    expect(rs.rets.map((r) => [field(r, 'TxnDelType'), field(r, 'TxnID'), field(r, 'RefNumber')])).toEqual([['ReceivePayment', ids.payApr, 'CHK-2026-04-02']]);
    const [journals] = run('<TxnDeletedQueryRq><TxnDelType>JournalEntry</TxnDelType></TxnDeletedQueryRq>');
    expect(journals.attrs.statusCode).toBe('1');
  });
});
