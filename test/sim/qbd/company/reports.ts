import type { Handler, HandlerContext } from './context.js';
import { readDate, readDateTime } from './fields.js';
import { formatCents } from './money.js';
import { finishQuery } from './queries.js';
import { openItems, REPORT_TXN_TYPE, trialBalance, type OpenItem } from './report-figures.js';
import { statusErrors } from './status.js';
import { child, childrenNamed, el, type XNode } from './xml.js';

/**
 * GeneralSummaryReportQuery (TrialBalance), AgingReportQuery (ARAgingDetail) and TxnDeletedQuery,
 * answered from the stored transactions. Report filters beyond the period (account, entity, item,
 * class, txn type, modified date, detail level, posting status), date macros, cash basis and the
 * other report types are not simulated and answer 1030, never figures that ignore what was asked.
 */

const UNSIMULATED_FILTERS = [
  'ReportDateMacro', 'ReportAccountFilter', 'ReportEntityFilter', 'ReportItemFilter', 'ReportClassFilter', 'ReportTxnTypeFilter',
  'ReportModifiedDateRangeFilter', 'ReportModifiedDateRangeMacro', 'ReportDetailLevelFilter', 'ReportPostingStatusFilter',
];

function refuseUnsimulated(rq: XNode, extra: string[] = []): void {
  if ([...UNSIMULATED_FILTERS, ...extra].some((name) => child(rq, name))) throw statusErrors.notSupported();
  if (child(rq, 'ReportBasis') && child(rq, 'ReportBasis')!.text !== 'Accrual' && child(rq, 'ReportBasis')!.text !== 'None') throw statusErrors.notSupported();
}

/** The report period's end: ToReportDate, else today in the company's time zone. */
function period(ctx: HandlerContext, rq: XNode): { from?: string; to: string } {
  const p = child(rq, 'ReportPeriod');
  return { from: readDate(p, 'FromReportDate'), to: readDate(p, 'ToReportDate') ?? ctx.store.ids.today() };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** `As of March 31, 2026`, the subtitle QuickBooks prints. */
const asOfText = (date: string) => `As of ${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;

interface Column {
  type: string;
  titles: string[];
  dataType: string;
}

/** `ReportRet` in ops130 order: title, subtitle, basis, row/column counts, ColDesc, ReportData. */
function reportRet(a: { title: string; subtitle: string; basis?: string; columns: Column[]; rows: XNode[] }): XNode {
  const titleRows = Math.max(1, ...a.columns.map((c) => c.titles.length));
  const colDesc = a.columns.map((c, i) =>
    el('ColDesc', [
      ...Array.from({ length: titleRows }, (_, r) => el('ColTitle', [], { titleRow: String(r + 1), ...(c.titles[r] ? { value: c.titles[r] } : {}) })),
      el('ColType', c.type),
    ], { colID: String(i + 1), dataType: c.dataType }),
  );
  a.rows.forEach((row, i) => (row.attrs.rowNumber = String(i + 1)));
  return el('ReportRet', [
    el('ReportTitle', a.title),
    el('ReportSubtitle', a.subtitle),
    ...(a.basis ? [el('ReportBasis', a.basis)] : []),
    el('NumRows', String(a.rows.length)),
    el('NumColumns', String(a.columns.length)),
    el('NumColTitleRows', String(titleRows)),
    ...colDesc,
    ...(a.rows.length ? [el('ReportData', a.rows)] : []),
  ]);
}

const cell = (colID: number, value: string) => el('ColData', [], { colID: String(colID), value });

/** Trial balance: Debit/Credit per account as of the period's end; profit and loss from its start. */
function trialBalanceReport(ctx: HandlerContext, rq: XNode): XNode {
  const { from, to } = period(ctx, rq);
  // Without a start date, the fiscal year of the end date (the simulated company's starts in January).
  const rows = trialBalance(ctx.store, from ?? `${to.slice(0, 4)}-01-01`, to);
  const data = rows.map((r) => el('DataRow', [
    el('RowData', [], { rowType: 'account', value: r.fullName }),
    cell(1, r.fullName),
    r.cents > 0 ? cell(2, formatCents(r.cents)) : cell(3, formatCents(-r.cents)),
  ]));
  const debits = rows.reduce((s, r) => s + Math.max(r.cents, 0), 0);
  const credits = rows.reduce((s, r) => s + Math.max(-r.cents, 0), 0);
  data.push(el('TotalRow', [el('RowData', [], { rowType: 'label', value: 'TOTAL' }), cell(1, 'TOTAL'), cell(2, formatCents(debits)), cell(3, formatCents(credits))]));
  const colTitle = `${MONTHS[Number(to.slice(5, 7)) - 1].slice(0, 3)} ${Number(to.slice(8, 10))}, ${to.slice(2, 4)}`;
  return reportRet({
    title: 'Trial Balance',
    subtitle: asOfText(to),
    basis: 'Accrual',
    columns: [
      { type: 'Label', titles: [], dataType: 'STRTYPE' },
      { type: 'Debit', titles: [colTitle, 'Debit'], dataType: 'AMTTYPE' },
      { type: 'Credit', titles: [colTitle, 'Credit'], dataType: 'AMTTYPE' },
    ],
    rows: data,
  });
}

export const generalSummaryReportQuery: Handler = (ctx, rq) => {
  refuseUnsimulated(rq, ['SummarizeColumnsBy', 'IncludeSubcolumns', 'ReportCalendar']);
  if (child(rq, 'GeneralSummaryReportType')!.text !== 'TrialBalance') throw statusErrors.notSupported();
  return { rets: [trialBalanceReport(ctx, rq)] };
};

/** The columns an ARAgingDetail row can carry, and QuickBooks' default set when none is asked for. */
const AGING_COLUMNS: Record<string, { dataType: string; title: string; value: (i: OpenItem, asOf: string) => string | undefined }> = {
  TxnID: { dataType: 'IDTYPE', title: 'Trans #', value: (i) => i.txn.txnId },
  TxnType: { dataType: 'STRTYPE', title: 'Type', value: (i) => REPORT_TXN_TYPE[i.txn.kind] },
  Date: { dataType: 'DATETYPE', title: 'Date', value: (i) => i.txn.txnDate },
  RefNumber: { dataType: 'STRTYPE', title: 'Num', value: (i) => i.txn.refNumber },
  Name: { dataType: 'STRTYPE', title: 'Name', value: (i) => i.customer.fullName },
  Memo: { dataType: 'STRTYPE', title: 'Memo', value: (i) => i.txn.memo },
  DueDate: { dataType: 'DATETYPE', title: 'Due Date', value: (i) => i.dueDate },
  Aging: { dataType: 'INTTYPE', title: 'Aging', value: (i, asOf) => (daysPast(i.dueDate, asOf) > 0 ? String(daysPast(i.dueDate, asOf)) : undefined) },
  Amount: { dataType: 'AMTTYPE', title: 'Amount', value: (i) => formatCents(i.amountCents) },
  OpenBalance: { dataType: 'AMTTYPE', title: 'Open Balance', value: (i) => formatCents(i.openCents) },
};
const DEFAULT_AGING_COLUMNS = ['TxnType', 'Date', 'RefNumber', 'Name', 'DueDate', 'Aging', 'OpenBalance'];
const BUCKETS: { label: string; upTo: number }[] = [
  { label: 'Current', upTo: 0 },
  { label: '1 - 30', upTo: 30 },
  { label: '31 - 60', upTo: 60 },
  { label: '61 - 90', upTo: 90 },
  { label: '> 90', upTo: Infinity },
];

function daysPast(due: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/** A/R aging detail as of the period's end: open items grouped by days past due, with subtotals. */
function arAgingDetail(ctx: HandlerContext, rq: XNode): XNode {
  const { to } = period(ctx, rq);
  const asked = childrenNamed(rq, 'IncludeColumn').map((n) => n.text);
  const types = [...new Set(asked.length ? asked : DEFAULT_AGING_COLUMNS)];
  const columns: Column[] = [{ type: 'Blank', titles: [], dataType: 'STRTYPE' }, ...types.map((t) => ({ type: t, titles: [AGING_COLUMNS[t]?.title ?? t], dataType: AGING_COLUMNS[t]?.dataType ?? 'STRTYPE' }))];
  const money = ['Amount', 'OpenBalance'].filter((t) => types.includes(t));
  const totalCells = (items: OpenItem[]) =>
    money.map((t) => cell(types.indexOf(t) + 2, formatCents(items.reduce((s, i) => s + (t === 'Amount' ? i.amountCents : i.openCents), 0))));
  const items = openItems(ctx.store, to);
  const rows: XNode[] = [];
  let lower = -Infinity;
  for (const b of BUCKETS) {
    const inBucket = items.filter((i) => daysPast(i.dueDate, to) > lower && daysPast(i.dueDate, to) <= b.upTo);
    lower = b.upTo;
    if (inBucket.length === 0) continue;
    rows.push(el('TextRow', [], { value: b.label }));
    for (const i of inBucket) {
      rows.push(el('DataRow', types.flatMap((t, k) => {
        const v = AGING_COLUMNS[t]?.value(i, to);
        return v === undefined ? [] : [cell(k + 2, v)];
      })));
    }
    rows.push(el('SubtotalRow', [el('RowData', [], { rowType: 'label', value: `Total ${b.label}` }), cell(1, `Total ${b.label}`), ...totalCells(inBucket)]));
  }
  rows.push(el('TotalRow', [el('RowData', [], { rowType: 'label', value: 'TOTAL' }), cell(1, 'TOTAL'), ...totalCells(items)]));
  return reportRet({ title: 'A/R Aging Detail', subtitle: asOfText(to), columns, rows });
}

export const agingReportQuery: Handler = (ctx, rq) => {
  refuseUnsimulated(rq, ['IncludeAccounts']);
  if (child(rq, 'AgingReportType')!.text !== 'ARAgingDetail') throw statusErrors.notSupported();
  // Aging as of today instead of the report date is a UI convenience the simulator does not model.
  if (child(rq, 'ReportAgingAsOf')?.text === 'Today') throw statusErrors.notSupported();
  return { rets: [arAgingDetail(ctx, rq)] };
};

/** TxnDeletedQuery: deleted transactions of the asked types, optionally by time deleted. */
export const txnDeletedQuery: Handler = (ctx, rq) => {
  const types = new Set(childrenNamed(rq, 'TxnDelType').map((n) => n.text));
  const range = child(rq, 'DeletedDateRangeFilter');
  const from = readDateTime(range, 'FromDeletedDate', false);
  const to = readDateTime(range, 'ToDeletedDate', true);
  const rets = ctx.store.deleted
    .filter((d) => types.has(d.kind))
    .filter((d) => (from === undefined || Date.parse(d.timeDeleted) >= from) && (to === undefined || Date.parse(d.timeDeleted) <= to))
    .map((d) => el('TxnDeletedRet', [el('TxnDelType', d.kind), el('TxnID', d.txnId), el('TimeDeleted', d.timeDeleted), ...(d.refNumber ? [el('RefNumber', d.refNumber)] : [])]));
  return finishQuery(ctx, rq, rets, []);
};
