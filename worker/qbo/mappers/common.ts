import type { RecordKind } from '../../db/schema/enums';
import { formatCents } from '../../ledger';

/** The QBO entity each Sharper record kind becomes. Tax items go through the tax service. */
export const qboEntityOf: Record<RecordKind, string> = {
  account: 'Account',
  terms: 'Term',
  sales_tax_item: 'TaxCode',
  customer: 'Customer',
  item: 'Item',
  invoice: 'Invoice',
  payment: 'Payment',
  credit_memo: 'CreditMemo',
  // A refund pays back a customer's credit (overpayment or credit memo): a journal entry that
  // debits receivables for the customer clears that credit, which a RefundReceipt (income) would not.
  refund: 'JournalEntry',
  journal_entry: 'JournalEntry',
};

export interface MissingRef {
  kind: RecordKind;
  id: string;
  field: string;
}

/** Resolves Sharper ids to QBO ids; records what is missing instead of throwing. */
export class RefResolver {
  readonly missing: MissingRef[] = [];
  constructor(readonly lookup: (kind: RecordKind, id: string) => string | undefined) {}

  ref(kind: RecordKind, id: string | undefined, field: string): { value: string } | undefined {
    if (!id) return undefined;
    const value = this.lookup(kind, id);
    if (value === undefined) {
      this.missing.push({ kind, id, field });
      return undefined;
    }
    return { value };
  }
}

/** QBO takes money as a JSON number with 2 decimals; built from cents so no float arithmetic happens. */
export const amount = (cents: number): number => Number(formatCents(cents));

/** Drops undefined fields so the sparse update carries only what Sharper sets. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** QBO's PrivateNote limit; a longer note is refused (fault 2050, qbo-api.md §2.10). */
export const PRIVATE_NOTE_MAX = 4000;
const CUT = '…';

/**
 * Sharper's id goes in PrivateNote so an accountant (and the duplicate check) can tell our records
 * apart. The marker must survive whole, so when the note would be too long the memo gives way,
 * ending in "…" to show it was cut. Lengths are UTF-16 code units, as QBO's limit is taken to be;
 * a cut never splits a surrogate pair.
 */
export function sharperNote(kind: RecordKind, id: string, memo?: string): string {
  const marker = `Sharper ${kind} ${id}`;
  if (!memo) return marker;
  const room = PRIVATE_NOTE_MAX - marker.length - 1;
  if (memo.length <= room) return `${memo}\n${marker}`;
  let kept = memo.slice(0, Math.max(0, room - CUT.length));
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${CUT}\n${marker}`;
}
