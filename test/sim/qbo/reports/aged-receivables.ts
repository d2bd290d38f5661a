import { getStored } from '../store';
import { daysBetween } from '../time';
import type { Realm, Rec } from '../types';
import { type OpenItem, openReceivables } from './ledger';
import { column, grandTotal, moneyCell, reportHeader } from './shape';

const BUCKETS = ['Current', '1 - 30', '31 - 60', '61 - 90', '91 and over'] as const;
const DETAIL_TITLES = ['Current', '1 - 30 days past due', '31 - 60 days past due', '61 - 90 days past due', '91 or more days past due'];

function bucketOf(item: OpenItem, ageDate: string): number {
  const late = daysBetween(item.dueDate, ageDate);
  if (late <= 0) return 0;
  if (late <= 30) return 1;
  if (late <= 60) return 2;
  if (late <= 90) return 3;
  return 4;
}

interface AgingInput {
  reportDate: string;
  ageDate: string;
  items: OpenItem[];
}

function agingInput(realm: Realm, params: URLSearchParams, today: string): AgingInput {
  const reportDate = params.get('report_date') ?? params.get('end_date') ?? today;
  // aging_method=Current ages by today's date; Report_Date (default) by the report date.
  const ageDate = params.get('aging_method') === 'Current' ? today : reportDate;
  const only = params.get('customer')?.split(',').map((s) => s.trim());
  const items = openReceivables(realm, reportDate).filter((i) => !only || only.includes(i.customerId));
  return { reportDate, ageDate, items };
}

function customerName(realm: Realm, id: string): string {
  return String(getStored(realm, 'Customer', id)?.data.DisplayName ?? '');
}

/** AgedReceivables summary: one row per customer, open amounts by days past due. */
export function agedReceivables(realm: Realm, params: URLSearchParams, today: string, time: string): Rec {
  const { reportDate, ageDate, items } = agingInput(realm, params, today);
  const perCustomer = new Map<string, number[]>();
  for (const item of items) {
    const buckets = perCustomer.get(item.customerId) ?? [0, 0, 0, 0, 0];
    buckets[bucketOf(item, ageDate)] += item.openCents;
    perCustomer.set(item.customerId, buckets);
  }
  const totals = [0, 0, 0, 0, 0];
  const rows = [...perCustomer.entries()]
    .map(([id, buckets]) => ({ id, buckets, name: customerName(realm, id) }))
    .filter((r) => r.buckets.some((c) => c !== 0))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => {
      r.buckets.forEach((c, i) => (totals[i] += c));
      const total = r.buckets.reduce((a, b) => a + b, 0);
      return { ColData: [{ value: r.name, id: r.id }, ...r.buckets.map((c) => moneyCell(c)), moneyCell(total, false)] };
    });
  const grand = totals.reduce((a, b) => a + b, 0);
  return {
    Header: reportHeader({
      name: 'AgedReceivables',
      time,
      start: reportDate,
      end: reportDate,
      noData: rows.length === 0,
      options: [{ Name: 'report_date', Value: reportDate }],
    }),
    Columns: {
      Column: [
        column('', 'Customer', 'customer'),
        ...BUCKETS.map((b, i) => column(b, 'Money', String(i))),
        column('Total', 'Money', 'total'),
      ],
    },
    Rows: { Row: [...rows, grandTotal([...totals.map((c) => moneyCell(c, false)), moneyCell(grand, false)])] },
  };
}

/** AgedReceivableDetail: one section per aging bucket, one row per open transaction. */
export function agedReceivableDetail(realm: Realm, params: URLSearchParams, today: string, time: string): Rec {
  const { reportDate, ageDate, items } = agingInput(realm, params, today);
  let grandAmount = 0;
  let grandOpen = 0;
  const sections = DETAIL_TITLES.map((title, i) => {
    const inBucket = items.filter((item) => bucketOf(item, ageDate) === i).sort((a, b) => a.txnDate.localeCompare(b.txnDate));
    if (inBucket.length === 0) return undefined;
    const amount = inBucket.reduce((s, x) => s + x.amountCents, 0);
    const open = inBucket.reduce((s, x) => s + x.openCents, 0);
    grandAmount += amount;
    grandOpen += open;
    return {
      Header: { ColData: [{ value: title }, ...Array.from({ length: 6 }, () => ({ value: '' }))] },
      Rows: {
        Row: inBucket.map((x) => ({
          ColData: [
            { value: x.txnDate },
            { value: x.txnType, id: x.txnId },
            { value: x.docNumber },
            { value: customerName(realm, x.customerId), id: x.customerId },
            { value: x.dueDate },
            moneyCell(x.amountCents, false),
            moneyCell(x.openCents, false),
          ],
          type: 'Data',
        })),
      },
      Summary: { ColData: [{ value: `Total for ${title}` }, { value: '' }, { value: '' }, { value: '' }, { value: '' }, moneyCell(amount, false), moneyCell(open, false)] },
      type: 'Section',
      group: title,
    };
  }).filter((s) => s !== undefined);
  return {
    Header: reportHeader({
      name: 'AgedReceivableDetail',
      time,
      start: reportDate,
      end: reportDate,
      noData: sections.length === 0,
      options: [{ Name: 'report_date', Value: reportDate }],
    }),
    Columns: {
      Column: [
        column('Date', 'Date', 'tx_date'),
        column('Transaction Type', 'String', 'txn_type'),
        column('Num', 'String', 'doc_num'),
        column('Customer', 'String', 'cust_name'),
        column('Due Date', 'Date', 'due_date'),
        column('Amount', 'Money', 'subt_neg_amount'),
        column('Open Balance', 'Money', 'subt_neg_open_bal'),
      ],
    },
    Rows: {
      Row: [
        ...sections,
        grandTotal([{ value: '' }, { value: '' }, { value: '' }, { value: '' }, moneyCell(grandAmount, false), moneyCell(grandOpen, false)]),
      ],
    },
  };
}
