import type { CreditMemoInput, InvoiceInput, JournalEntryInput, PaymentInput, RefundInput } from '../ledger';
import type { RecordKind } from '../db/schema/enums';

/** One side of a general-ledger entry, in cents; `customer` is set on receivable lines. */
export interface Posting {
  account: string;
  debit: number;
  credit: number;
  customer?: string;
}

export interface PostingContext {
  /** Sharper ids of the accounts the books use where a record does not say. */
  arAccount: string;
  undepositedFundsAccount: string;
  salesTaxPayableAccount: string;
  defaultIncomeAccount: string;
  /** Item id → its income account. */
  incomeAccountOf: (item: string) => string | undefined;
}

export type PostingProblem = { reason: 'unknown_item'; item: string };

const dr = (account: string, cents: number, customer?: string): Posting => ({ account, debit: cents, credit: 0, ...(customer && { customer }) });
const cr = (account: string, cents: number, customer?: string): Posting => ({ account, debit: 0, credit: cents, ...(customer && { customer }) });

function salesLines(doc: InvoiceInput | CreditMemoInput, ctx: PostingContext): Posting[] {
  const byAccount = new Map<string, number>();
  for (const line of doc.lines) {
    const account = ctx.incomeAccountOf(line.item) ?? ctx.defaultIncomeAccount;
    byAccount.set(account, (byAccount.get(account) ?? 0) + line.amount);
  }
  return [...byAccount].map(([account, cents]) => cr(account, cents));
}

const flip = (p: Posting): Posting => ({ ...p, debit: p.credit, credit: p.debit });
const total = (doc: InvoiceInput | CreditMemoInput) => doc.lines.reduce((a, l) => a + l.amount, 0) + doc.tax;

/**
 * How a record posts to the general ledger, the way QuickBooks posts it: an invoice debits
 * receivables and credits income and sales tax; a payment moves receivables into the deposit
 * account; a credit memo reverses an invoice; a refund pays money back out of receivables.
 */
export function postingsFor(kind: RecordKind, data: unknown, ctx: PostingContext): Posting[] {
  switch (kind) {
    case 'invoice': {
      const inv = data as InvoiceInput;
      return [dr(ctx.arAccount, total(inv), inv.customer), ...salesLines(inv, ctx), ...(inv.tax ? [cr(ctx.salesTaxPayableAccount, inv.tax)] : [])];
    }
    case 'credit_memo': {
      const cm = data as CreditMemoInput;
      return [cr(ctx.arAccount, total(cm), cm.customer), ...salesLines(cm, ctx).map(flip), ...(cm.tax ? [dr(ctx.salesTaxPayableAccount, cm.tax)] : [])];
    }
    case 'payment': {
      const p = data as PaymentInput;
      return [dr(p.depositAccount ?? ctx.undepositedFundsAccount, p.amount), cr(ctx.arAccount, p.amount, p.customer)];
    }
    case 'refund': {
      const r = data as RefundInput;
      return [dr(ctx.arAccount, r.amount, r.customer), cr(r.account, r.amount)];
    }
    case 'journal_entry': {
      const je = data as JournalEntryInput;
      return je.lines.map((l) => ({ account: l.account, debit: l.debit ?? 0, credit: l.credit ?? 0, ...(l.customer && { customer: l.customer }) }));
    }
    default:
      return [];
  }
}
