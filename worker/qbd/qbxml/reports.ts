import { el, text } from '../xml';

/**
 * The read requests behind a month-end reconciliation with QuickBooks Desktop, for one report date:
 * the trial balance and the A/R aging detail as of that date, plus the lists that turn the reports'
 * names into ListIDs and the deleted-transaction list that explains payments removed in QuickBooks.
 */
export const RECON_PARTS = ['trialBalance', 'arAging', 'accounts', 'customers', 'deleted'] as const;
export type ReconPart = (typeof RECON_PARTS)[number];

/** How each part is named in messages and the API (the qbXML report type, or the query). */
export const RECON_PART_NAMES: Record<ReconPart, string> = {
  trialBalance: 'TrialBalance',
  arAging: 'ARAgingDetail',
  accounts: 'AccountQuery',
  customers: 'CustomerQuery',
  deleted: 'TxnDeletedQuery',
};

const PART_CODE: Record<ReconPart, string> = { trialBalance: 'tb', arAging: 'ar', accounts: 'ac', customers: 'cu', deleted: 'dl' };
const CODE_PART = Object.fromEntries(Object.entries(PART_CODE).map(([k, v]) => [v, k])) as Record<string, ReconPart>;

/**
 * `rpt.<yyyymmdd>.<part>`: distinct from job requestIDs (`<jobId>.<letter>`, see types.ts), so an
 * answer to a report is never taken for a job's and the reverse.
 */
export const reportRequestId = (asOf: string, part: ReconPart) => `rpt.${asOf.replace(/-/g, '')}.${PART_CODE[part]}`;

export function parseReportRequestId(requestId: string): { asOf: string; part: ReconPart } | null {
  const m = /^rpt\.(\d{4})(\d{2})(\d{2})\.([a-z]{2})$/.exec(requestId);
  if (!m || !CODE_PART[m[4]]) return null;
  return { asOf: `${m[1]}-${m[2]}-${m[3]}`, part: CODE_PART[m[4]] };
}

/** The Desktop transaction types Sharper writes (deletions of these explain differences). */
const SHARPER_TXN_TYPES = ['Invoice', 'CreditMemo', 'ReceivePayment', 'Check', 'ARRefundCreditCard', 'JournalEntry'] as const;

/** Columns asked of the aging report: the TxnID ties a row to Sharper's id map, Amount shows edits. */
export const AGING_COLUMNS = ['TxnID', 'TxnType', 'Date', 'RefNumber', 'Name', 'Amount', 'OpenBalance'] as const;

/**
 * The five requests for one report date, in schema order. Profit-and-loss accounts count from
 * `yearStart` (the trial balance's period start); balance-sheet accounts and A/R as of `asOf`.
 */
export function reconReportRequests(asOf: string, yearStart: string): { part: ReconPart; requestId: string; xml: string }[] {
  const rq = (part: ReconPart, name: string, children: (string | null)[]) => ({
    part,
    requestId: reportRequestId(asOf, part),
    xml: el(`${name}Rq`, children, { requestID: reportRequestId(asOf, part) }),
  });
  return [
    rq('trialBalance', 'GeneralSummaryReportQuery', [
      text('GeneralSummaryReportType', 'TrialBalance'),
      el('ReportPeriod', [text('FromReportDate', yearStart), text('ToReportDate', asOf)]),
      text('ReportBasis', 'Accrual'),
    ]),
    rq('arAging', 'AgingReportQuery', [
      text('AgingReportType', 'ARAgingDetail'),
      el('ReportPeriod', text('ToReportDate', asOf)),
      ...AGING_COLUMNS.map((c) => text('IncludeColumn', c)),
      text('ReportAgingAsOf', 'ReportEndDate'),
    ]),
    rq('accounts', 'AccountQuery', [text('ActiveStatus', 'All'), ...['ListID', 'FullName', 'AccountType'].map((e) => text('IncludeRetElement', e))]),
    rq('customers', 'CustomerQuery', [text('ActiveStatus', 'All'), ...['ListID', 'FullName'].map((e) => text('IncludeRetElement', e))]),
    rq('deleted', 'TxnDeletedQuery', [...SHARPER_TXN_TYPES.map((type) => text('TxnDelType', type))]),
  ];
}
