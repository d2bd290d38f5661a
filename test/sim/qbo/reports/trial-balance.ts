import { listLive } from '../store';
import type { Realm, Rec } from '../types';
import { ledgerPostings } from './ledger';
import { column, grandTotal, moneyCell, reportHeader } from './shape';

const TYPE_ORDER = [
  'Bank',
  'Accounts Receivable',
  'Other Current Asset',
  'Fixed Asset',
  'Other Asset',
  'Accounts Payable',
  'Credit Card',
  'Other Current Liability',
  'Long Term Liability',
  'Equity',
  'Income',
  'Other Income',
  'Cost of Goods Sold',
  'Expense',
  'Other Expense',
];

const BALANCE_SHEET = new Set(['Asset', 'Liability', 'Equity']);

/**
 * TrialBalance (accrual): balance-sheet accounts cumulative to end_date, P&L accounts for
 * start_date..end_date, earlier P&L rolled into Retained Earnings, like QBO's fiscal-year view.
 */
export function trialBalance(realm: Realm, params: URLSearchParams, today: string, time: string): Rec {
  const end = params.get('end_date') ?? today;
  const start = params.get('start_date') ?? `${end.slice(0, 4)}-01-01`;
  const accounts = listLive(realm, 'Account');
  const byId = new Map(accounts.map((a) => [String(a.data.Id), a]));
  const retained = accounts.find((a) => a.data.AccountSubType === 'RetainedEarnings');
  const net = new Map<string, number>();
  const add = (id: string, cents: number) => net.set(id, (net.get(id) ?? 0) + cents);
  for (const p of ledgerPostings(realm)) {
    if (p.txnDate > end) continue;
    const account = byId.get(p.accountId);
    const sheet = account ? BALANCE_SHEET.has(String(account.data.Classification)) : true;
    if (sheet) add(p.accountId, p.cents);
    else if (p.txnDate >= start) add(p.accountId, p.cents);
    else if (retained) add(String(retained.data.Id), p.cents);
  }
  const rows = [...net.entries()]
    .filter(([, cents]) => cents !== 0)
    .map(([id, cents]) => ({ id, cents, account: byId.get(id) }))
    .sort((a, b) => {
      const ta = TYPE_ORDER.indexOf(String(a.account?.data.AccountType));
      const tb = TYPE_ORDER.indexOf(String(b.account?.data.AccountType));
      return ta - tb || String(a.account?.data.FullyQualifiedName).localeCompare(String(b.account?.data.FullyQualifiedName));
    });
  let debit = 0;
  let credit = 0;
  const dataRows = rows.map((r) => {
    if (r.cents > 0) debit += r.cents;
    else credit -= r.cents;
    return {
      ColData: [
        { value: String(r.account?.data.FullyQualifiedName ?? 'Unknown account'), id: r.id },
        moneyCell(r.cents > 0 ? r.cents : 0),
        moneyCell(r.cents < 0 ? -r.cents : 0),
      ],
    };
  });
  return {
    Header: reportHeader({ name: 'TrialBalance', time, start, end, noData: rows.length === 0 }),
    Columns: { Column: [column('', 'Account', 'account'), column('Debit', 'Money', 'Debit'), column('Credit', 'Money', 'Credit')] },
    Rows: { Row: [...dataRows, grandTotal([moneyCell(debit, false), moneyCell(credit, false)])] },
  };
}
