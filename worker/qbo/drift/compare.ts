/** One field that differs between what Sharper sent and what QuickBooks Online holds now. */
export interface DriftField {
  field: 'deleted' | 'total' | 'date' | 'customer' | 'lines' | 'tax' | 'name' | 'active';
  sharper: unknown;
  quickbooks: unknown;
}

type Body = Record<string, any>;

/** QBO money (a JSON number or string with 2 decimals) in integer cents; null when absent. */
export function cents(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

const refValue = (r: unknown): string | null => ((r as Body | undefined)?.value === undefined ? null : String((r as Body).value));
const sumCents = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

/** Lines in the form both sides can be compared in: amounts in cents, references by QBO id. */
function linesOf(entity: string, body: Body): unknown[] {
  const lines: Body[] = Array.isArray(body.Line) ? body.Line : [];
  switch (entity) {
    case 'Invoice':
    case 'CreditMemo':
    case 'RefundReceipt':
      return lines
        .filter((l) => l.DetailType === 'SalesItemLineDetail')
        .map((l) => ({ amount: cents(l.Amount), item: refValue(l.SalesItemLineDetail?.ItemRef) }));
    case 'Payment':
      return lines.map((l) => ({ amount: cents(l.Amount), invoice: l.LinkedTxn?.[0]?.TxnId ? String(l.LinkedTxn[0].TxnId) : null }));
    case 'JournalEntry':
      return lines.map((l) => ({
        posting: l.JournalEntryLineDetail?.PostingType ?? null,
        amount: cents(l.Amount),
        account: refValue(l.JournalEntryLineDetail?.AccountRef),
      }));
    default:
      return [];
  }
}

/** What the transaction totals: QBO's TotalAmt, derived for Sharper's body the way QBO derives it. */
function totalOf(entity: string, body: Body, side: 'sharper' | 'quickbooks'): number | null {
  if (entity === 'JournalEntry') {
    return sumCents((body.Line ?? []).filter((l: Body) => l.JournalEntryLineDetail?.PostingType === 'Debit').map((l: Body) => cents(l.Amount)));
  }
  if (side === 'quickbooks' || entity === 'Payment') return cents(body.TotalAmt);
  const lines = sumCents((body.Line ?? []).map((l: Body) => cents(l.Amount)));
  return lines + (cents(body.TxnTaxDetail?.TotalTax) ?? 0);
}

const NAME_FIELD: Record<string, string> = { Customer: 'DisplayName', Account: 'Name', Item: 'Name', Term: 'Name' };
const TRANSACTIONS = new Set(['Invoice', 'CreditMemo', 'Payment', 'RefundReceipt', 'JournalEntry']);

/**
 * The field-level difference between Sharper's body for an entity (as the mappers build it) and
 * the entity QBO returned. Only fields Sharper sets are compared, so QBO's own additions
 * (balances, subtotal lines, metadata) never count as drift. Empty when they agree.
 */
export function diffEntity(entity: string, sharper: Body, quickbooks: Body | null): DriftField[] {
  if (quickbooks === null) return [{ field: 'deleted', sharper: false, quickbooks: true }];
  const out: DriftField[] = [];
  const push = (field: DriftField['field'], a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field, sharper: a, quickbooks: b });
  };
  if (!TRANSACTIONS.has(entity)) {
    const nameField = NAME_FIELD[entity];
    if (nameField && sharper[nameField] !== undefined) push('name', sharper[nameField], quickbooks[nameField] ?? null);
    push('active', sharper.Active ?? true, quickbooks.Active ?? true);
    return out;
  }
  push('total', totalOf(entity, sharper, 'sharper'), totalOf(entity, quickbooks, 'quickbooks'));
  if (sharper.TxnDate !== undefined) push('date', sharper.TxnDate, quickbooks.TxnDate ?? null);
  if (sharper.CustomerRef !== undefined) push('customer', refValue(sharper.CustomerRef), refValue(quickbooks.CustomerRef));
  const ours = linesOf(entity, sharper) as Body[];
  // A line Sharper sends without an item gets QBO's default item: not a change anyone made.
  const theirs = (linesOf(entity, quickbooks) as Body[]).map((l, i) => (ours[i] && 'item' in l && ours[i].item === null ? { ...l, item: null } : l));
  push('lines', ours, theirs);
  if (sharper.TxnTaxDetail?.TotalTax !== undefined) push('tax', cents(sharper.TxnTaxDetail.TotalTax), cents(quickbooks.TxnTaxDetail?.TotalTax) ?? 0);
  return out;
}
