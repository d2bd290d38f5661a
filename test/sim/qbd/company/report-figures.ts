import type { CompanyStore } from './store.js';
import type { ListRecord, TxnKind, TxnRecord } from './types.js';

/**
 * The figures behind the simulator's reports, computed from the stored transactions as of a date:
 * a transaction counts when its TxnDate is on or before the date, an application (payment to
 * invoice, credit to invoice, refund to credit) when both of its transactions do.
 */

/** Profit-and-loss account types: a trial balance shows them for the fiscal year only. */
export const PROFIT_AND_LOSS = new Set(['Income', 'CostOfGoodsSold', 'Expense', 'OtherIncome', 'OtherExpense']);

/** Chart-of-accounts order QuickBooks lists accounts in (by type, then name). */
const TYPE_ORDER = [
  'Bank', 'AccountsReceivable', 'OtherCurrentAsset', 'FixedAsset', 'OtherAsset', 'AccountsPayable', 'CreditCard',
  'OtherCurrentLiability', 'LongTermLiability', 'Equity', 'Income', 'CostOfGoodsSold', 'Expense', 'OtherIncome', 'OtherExpense',
  'NonPosting',
];

export interface AccountFigure {
  /** The account's full name, or `Retained Earnings` for prior years' profit when no such account exists. */
  fullName: string;
  /** Debit positive. */
  cents: number;
}

/**
 * Trial balance as of `to`: balance-sheet accounts from the beginning, profit-and-loss accounts from
 * `fiscalYearStart`; earlier profit and loss moves into Retained Earnings, so debits equal credits.
 */
export function trialBalance(store: CompanyStore, fiscalYearStart: string, to: string): AccountFigure[] {
  const byAccount = new Map<string, number>();
  let priorProfit = 0;
  for (const t of store.txns.values()) {
    if (t.txnDate > to) continue;
    for (const p of t.postings) {
      const acct = store.lists.get(p.accountId);
      if (acct && PROFIT_AND_LOSS.has(acct.accountType ?? '') && t.txnDate < fiscalYearStart) priorProfit += p.cents;
      else byAccount.set(p.accountId, (byAccount.get(p.accountId) ?? 0) + p.cents);
    }
  }
  const accounts = [...byAccount].map(([id, cents]) => ({ acct: store.lists.get(id), cents })).filter((a): a is { acct: ListRecord; cents: number } => !!a.acct);
  const retained = store.listsOf(['Account']).find((a) => a.accountType === 'Equity' && a.fullName === 'Retained Earnings');
  if (priorProfit !== 0) {
    const existing = retained ? accounts.find((a) => a.acct.listId === retained.listId) : undefined;
    if (existing) existing.cents += priorProfit;
    else if (retained) accounts.push({ acct: retained, cents: priorProfit });
  }
  const rank = (a: ListRecord) => TYPE_ORDER.indexOf(a.accountType ?? 'NonPosting');
  const out = accounts
    .filter((a) => a.cents !== 0)
    .sort((a, b) => rank(a.acct) - rank(b.acct) || a.acct.fullName.localeCompare(b.acct.fullName))
    .map((a) => ({ fullName: a.acct.fullName, cents: a.cents }));
  // QuickBooks creates Retained Earnings with every company; a seedless simulator may not have it.
  if (priorProfit !== 0 && !retained) out.push({ fullName: 'Retained Earnings', cents: priorProfit });
  return out;
}

export interface OpenItem {
  txn: TxnRecord;
  customer: ListRecord;
  /** What the transaction posted to Accounts Receivable for the customer (debit positive). */
  amountCents: number;
  /** What is still open as of the report date (same sign). */
  openCents: number;
  dueDate: string;
}

/** One application between a debit-side transaction (invoice, refund) and a credit-side one (payment, credit). */
interface Applied {
  debit: string;
  credit: string;
  cents: number;
}

function applicationsOf(store: CompanyStore): Applied[] {
  const out: Applied[] = [];
  for (const t of store.txns.values()) {
    if (t.kind === 'ReceivePayment') {
      for (const a of t.applications) {
        out.push({ debit: a.txnId, credit: t.txnId, cents: a.amountCents });
        for (const c of a.credits) out.push({ debit: a.txnId, credit: c.creditTxnId, cents: c.amountCents });
      }
    } else if (t.kind === 'Check' || t.kind === 'ARRefundCreditCard') {
      for (const a of t.applications) out.push({ debit: t.txnId, credit: a.txnId, cents: a.amountCents });
    }
  }
  return out;
}

/**
 * A/R open items as of `asOf`, one per transaction and customer: what each posted to A/R, less
 * what was applied to or by it on or before that date. Per customer they add up to the customer's
 * A/R balance as of the date.
 */
export function openItems(store: CompanyStore, asOf: string): OpenItem[] {
  const dated = (id: string) => {
    const t = store.txns.get(id);
    return t && t.txnDate <= asOf ? t : undefined;
  };
  const appliedTo = new Map<string, number>();
  for (const a of applicationsOf(store)) {
    if (!dated(a.debit) || !dated(a.credit)) continue;
    appliedTo.set(a.debit, (appliedTo.get(a.debit) ?? 0) - a.cents);
    appliedTo.set(a.credit, (appliedTo.get(a.credit) ?? 0) + a.cents);
  }
  const out: OpenItem[] = [];
  for (const t of store.txns.values()) {
    if (t.txnDate > asOf) continue;
    const byCustomer = new Map<string, number>();
    for (const p of t.postings) {
      if (!p.entityId || store.lists.get(p.accountId)?.accountType !== 'AccountsReceivable') continue;
      byCustomer.set(p.entityId, (byCustomer.get(p.entityId) ?? 0) + p.cents);
    }
    for (const [customerId, amountCents] of byCustomer) {
      const customer = store.lists.get(customerId);
      // Applications only ever link transactions of one customer, so they adjust that row.
      const openCents = amountCents + (byCustomer.size === 1 ? (appliedTo.get(t.txnId) ?? 0) : 0);
      if (!customer || openCents === 0) continue;
      out.push({ txn: t, customer, amountCents, openCents, dueDate: t.kind === 'Invoice' ? (t.dueDate ?? t.txnDate) : t.txnDate });
    }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.txn.txnNumber - b.txn.txnNumber);
}

/** Transaction type as QuickBooks prints it in a report's Type column. */
export const REPORT_TXN_TYPE: Record<TxnKind, string> = {
  Invoice: 'Invoice',
  CreditMemo: 'Credit Memo',
  ReceivePayment: 'Payment',
  Check: 'Check',
  ARRefundCreditCard: 'Credit Card Refund',
  JournalEntry: 'General Journal',
};
