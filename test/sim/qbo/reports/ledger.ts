import { appliedCents, applicationsByTarget, arAccountIds, journalArByCustomer } from '../balances';
import { toCents } from '../money';
import { listLive } from '../store';
import type { Realm, Rec, StoredEntity } from '../types';

/** One side of a double entry: debit positive, credit negative, in cents. */
export interface Posting {
  accountId: string;
  cents: number;
  txnDate: string;
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refId(holder: unknown, key: string): string | undefined {
  if (!isRec(holder) || !isRec(holder[key])) return undefined;
  const v = holder[key].value;
  return v === undefined ? undefined : String(v);
}

function accountBy(realm: Realm, pred: (a: Rec) => boolean): string {
  const found = listLive(realm, 'Account').find((a) => pred(a.data));
  return found ? String(found.data.Id) : '';
}

/**
 * Accrual postings of every live transaction, the basis for TrialBalance. Inventory cost (COGS)
 * is not tracked: items post only their income side.
 */
export function ledgerPostings(realm: Realm): Posting[] {
  const ar = accountBy(realm, (a) => a.AccountType === 'Accounts Receivable');
  const taxPayable = accountBy(realm, (a) => a.AccountSubType === 'SalesTaxPayable');
  const undeposited = accountBy(realm, (a) => a.AccountSubType === 'UndepositedFunds');
  const out: Posting[] = [];
  const post = (accountId: string, cents: number, txnDate: string) => {
    if (cents !== 0) out.push({ accountId, cents, txnDate });
  };

  // sign: +1 where the form debits its header account (Invoice → A/R, SalesReceipt → bank).
  const salesForm = (s: StoredEntity, header: string, sign: 1 | -1) => {
    const d = s.data;
    const date = String(d.TxnDate);
    post(header, sign * toCents(d.TotalAmt), date);
    for (const line of Array.isArray(d.Line) ? d.Line : []) {
      if (!isRec(line)) continue;
      if (line.DetailType === 'SalesItemLineDetail') {
        const itemId = refId(line.SalesItemLineDetail, 'ItemRef');
        const item = itemId ? realm.entities.get('Item')?.get(itemId) : undefined;
        post(refId(item?.data, 'IncomeAccountRef') ?? '', -sign * toCents(line.Amount), date);
      } else if (line.DetailType === 'DiscountLineDetail') {
        post(refId(line.DiscountLineDetail, 'DiscountAccountRef') ?? '', sign * toCents(line.Amount), date);
      }
    }
    post(taxPayable, -sign * toCents(isRec(d.TxnTaxDetail) ? d.TxnTaxDetail.TotalTax : 0), date);
  };

  for (const s of listLive(realm, 'Invoice')) if (!s.voided) salesForm(s, ar, 1);
  for (const s of listLive(realm, 'CreditMemo')) if (!s.voided) salesForm(s, ar, -1);
  for (const s of listLive(realm, 'SalesReceipt')) {
    if (!s.voided) salesForm(s, refId(s.data, 'DepositToAccountRef') ?? undeposited, 1);
  }
  for (const s of listLive(realm, 'RefundReceipt')) if (!s.voided) salesForm(s, refId(s.data, 'DepositToAccountRef') ?? '', -1);
  for (const s of listLive(realm, 'Payment')) {
    if (s.voided) continue;
    const date = String(s.data.TxnDate);
    post(refId(s.data, 'DepositToAccountRef') ?? undeposited, toCents(s.data.TotalAmt), date);
    post(ar, -toCents(s.data.TotalAmt), date);
  }
  for (const s of listLive(realm, 'JournalEntry')) {
    for (const line of Array.isArray(s.data.Line) ? s.data.Line : []) {
      if (!isRec(line) || !isRec(line.JournalEntryLineDetail)) continue;
      const detail = line.JournalEntryLineDetail;
      const sign = detail.PostingType === 'Debit' ? 1 : -1;
      post(refId(detail, 'AccountRef') ?? '', sign * toCents(line.Amount), String(s.data.TxnDate));
    }
  }
  return out;
}

/** One open A/R item as of a date: positive = owed by the customer, negative = credit. */
export interface OpenItem {
  customerId: string;
  txnType: string;
  txnId: string;
  docNumber: string;
  txnDate: string;
  dueDate: string;
  amountCents: number;
  openCents: number;
}

/** Open receivables as of `asOf`: only payments dated on or before it count against invoices. */
export function openReceivables(realm: Realm, asOf: string): OpenItem[] {
  const apps = applicationsByTarget(realm);
  const out: OpenItem[] = [];
  const base = (s: StoredEntity) => ({
    customerId: refId(s.data, 'CustomerRef') ?? '',
    txnType: s.name,
    txnId: String(s.data.Id),
    docNumber: String(s.data.DocNumber ?? ''),
    txnDate: String(s.data.TxnDate),
  });
  for (const s of listLive(realm, 'Invoice')) {
    if (s.voided || String(s.data.TxnDate) > asOf) continue;
    const total = toCents(s.data.TotalAmt);
    const open = total - appliedCents(apps, `Invoice:${String(s.data.Id)}`, asOf);
    out.push({ ...base(s), dueDate: String(s.data.DueDate ?? s.data.TxnDate), amountCents: total, openCents: open });
  }
  for (const s of listLive(realm, 'CreditMemo')) {
    if (s.voided || String(s.data.TxnDate) > asOf) continue;
    const total = toCents(s.data.TotalAmt);
    const open = total - appliedCents(apps, `CreditMemo:${String(s.data.Id)}`, asOf);
    out.push({ ...base(s), dueDate: String(s.data.TxnDate), amountCents: -total, openCents: -open });
  }
  for (const s of listLive(realm, 'Payment')) {
    if (s.voided || String(s.data.TxnDate) > asOf) continue;
    const unapplied = toCents(s.data.UnappliedAmt);
    out.push({ ...base(s), dueDate: String(s.data.TxnDate), amountCents: -toCents(s.data.TotalAmt), openCents: -unapplied });
  }
  const arIds = arAccountIds(realm);
  for (const s of listLive(realm, 'JournalEntry')) {
    if (String(s.data.TxnDate) > asOf) continue;
    // One item per customer the JE charges (or credits); payments linking the JE settle its charge.
    for (const [customerId, cents] of journalArByCustomer(s.data, arIds)) {
      const open = cents > 0 ? cents - appliedCents(apps, `JournalEntry:${String(s.data.Id)}`, asOf) : cents;
      out.push({ ...base(s), customerId, dueDate: String(s.data.TxnDate), amountCents: cents, openCents: open });
    }
  }
  return out.filter((i) => i.openCents !== 0);
}
