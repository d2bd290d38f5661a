import type { RecordKind } from '../db/schema/enums';
import { postingsFor, type PostingContext } from './postings';

export interface PostedRecord {
  kind: RecordKind;
  sourceId: string;
  txnDate: string;
  data: unknown;
}

export interface Balances {
  /** Account id → debit-positive balance in cents. */
  byAccount: Map<string, number>;
  /** Customer id → what the customer owes (positive) or is owed, in cents. */
  byCustomer: Map<string, number>;
  /** Which records make up each customer's and account's balance (for attributing differences). */
  contributions: Map<string, { kind: RecordKind; sourceId: string; cents: number }[]>;
}

/**
 * Sharper's side of the books as of a date: every active record's postings, summed. With
 * `profitAndLoss`, income and expense accounts count only from its `from` date (the fiscal year),
 * the way a trial balance shows them.
 */
export function computeBalances(
  records: PostedRecord[],
  asOf: string,
  ctx: PostingContext,
  profitAndLoss?: { from: string; isProfitAndLoss: (account: string) => boolean },
): Balances {
  const byAccount = new Map<string, number>();
  const byCustomer = new Map<string, number>();
  const contributions = new Map<string, { kind: RecordKind; sourceId: string; cents: number }[]>();
  const note = (key: string, r: PostedRecord, cents: number) => {
    const list = contributions.get(key) ?? [];
    list.push({ kind: r.kind, sourceId: r.sourceId, cents });
    contributions.set(key, list);
  };
  for (const r of records) {
    if (r.txnDate > asOf) continue;
    for (const p of postingsFor(r.kind, r.data, ctx)) {
      if (profitAndLoss && r.txnDate < profitAndLoss.from && profitAndLoss.isProfitAndLoss(p.account)) continue;
      const cents = p.debit - p.credit;
      byAccount.set(p.account, (byAccount.get(p.account) ?? 0) + cents);
      note(`account:${p.account}`, r, cents);
      if (p.customer && p.account === ctx.arAccount) {
        byCustomer.set(p.customer, (byCustomer.get(p.customer) ?? 0) + cents);
        note(`customer:${p.customer}`, r, cents);
      }
    }
  }
  return { byAccount, byCustomer, contributions };
}
