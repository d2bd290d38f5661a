import type { RecordKind } from '../../db/schema/enums';

/**
 * What a QuickBooks status means for a job, in words an accountant can act on. Pure: the session
 * turns each decision into a queue outcome (or a follow-up request) in one place.
 */
export type StatusDecision =
  | { reason: 'ok' }
  | { reason: 'no_match' }
  | { reason: 'name_in_use' }
  | { reason: 'missing_reference'; objectType: string; value: string; kind: RecordKind | null; message: string }
  | { reason: 'inactive_reference'; message: string }
  | { reason: 'stale_edit_sequence' }
  | { reason: 'retry_later'; code: string; message: string }
  | { reason: 'gone'; code: string; message: string }
  /** A change to a record that was deleted in QuickBooks: Sharper, the source of truth, adds it again. */
  | { reason: 'deleted_in_quickbooks'; code: string; message: string }
  | { reason: 'rejected'; code: string; message: string };

const OBJECT_KINDS: Record<string, RecordKind> = {
  Customer: 'customer',
  Account: 'account',
  Item: 'item',
  ItemService: 'item',
  ItemNonInventory: 'item',
  ItemInventory: 'item',
  ItemSalesTax: 'sales_tax_item',
  StandardTerms: 'terms',
  Terms: 'terms',
  Invoice: 'invoice',
  CreditMemo: 'credit_memo',
  ReceivePayment: 'payment',
};

/** Lock-flavoured 3180 texts that go through on a second try (consolibyte's list). */
const LOCKED = /modified by another user|could not be locked|failed to acquire the lock|is in use|being edited/i;

const HINTS: Record<number, string> = {
  3000: 'A QuickBooks id Sharper sent is malformed; requeue after the next full sync, or report it.',
  3010: 'A yes/no value was not valid; report it (this is a Sharper bug).',
  3020: 'A date was not valid; check the record\'s dates in Sharper.',
  3040: 'An amount was not valid; check the record\'s amounts in Sharper.',
  3070: 'A value is longer than QuickBooks allows; shorten it in Sharper and save again.',
  3150: 'QuickBooks expected a field Sharper did not send; report it.',
  3180: 'QuickBooks refused to save it; read its message, fix the record in Sharper or QuickBooks, then requeue.',
  3210: 'QuickBooks refused a value (for example paying more than an invoice\'s open balance); fix the record in Sharper, then requeue.',
  3250: 'This needs a QuickBooks feature that is turned off or not in this edition (Edit › Preferences).',
  3260: 'The QuickBooks user the Web Connector runs as lacks permission (Edit › Preferences › Integrated Applications).',
  3262: 'QuickBooks needs a subscription for this (payroll / merchant services).',
  3263: 'The Web Connector has read-only access; allow it to change data in QuickBooks (Integrated Applications).',
  3264: 'QuickBooks needs merchant services for this.',
  3270: 'An item or account QuickBooks needs (e.g. an income account) is missing; set it on the item in Sharper.',
};

/** Maps one `XxxRs` status to a decision. `action` matters: a void/delete of something gone is done. */
export function decideStatus(s: { code: number; severity: string; message: string }, action: 'upsert' | 'void' | 'delete'): StatusDecision {
  const code = String(s.code);
  const qb = `QuickBooks ${code}: ${s.message}`;
  if (s.code === 0 || (s.severity !== 'Error' && s.code >= 500 && s.code < 1000 && s.code !== 500)) return { reason: 'ok' };
  if (s.code === 1 || s.code === 500) return { reason: 'no_match' };
  switch (s.code) {
    case 3100:
      return { reason: 'name_in_use' };
    case 3140: {
      const m = /reference to QuickBooks (\w+) "([^"]*)"/.exec(s.message);
      if (/inactive/i.test(s.message)) {
        return { reason: 'inactive_reference', message: `${qb} — make it active in QuickBooks (or use an active one in Sharper), then requeue.` };
      }
      const objectType = m?.[1] ?? 'list element';
      return { reason: 'missing_reference', objectType, value: m?.[2] ?? '', kind: OBJECT_KINDS[objectType] ?? null, message: qb };
    }
    case 3200:
      return { reason: 'stale_edit_sequence' };
    case 3120:
      if (action !== 'upsert') return { reason: 'gone', code, message: 'It was no longer in QuickBooks, so there was nothing left to remove.' };
      return { reason: 'deleted_in_quickbooks', code, message: qb };
    case 3170:
    case 3175:
    case 3176:
      if (action !== 'upsert' && /used|link/i.test(s.message) && !LOCKED.test(s.message)) {
        return { reason: 'rejected', code, message: `${qb} — other transactions use it; remove those links in QuickBooks first, then requeue.` };
      }
      return { reason: 'retry_later', code, message: `${qb} — someone has it open or locked in QuickBooks; Sharper will try again later.` };
    case 3180:
      if (LOCKED.test(s.message)) return { reason: 'retry_later', code, message: `${qb} — Sharper will try again later.` };
      return { reason: 'rejected', code, message: `${qb} — ${HINTS[3180]}` };
    case 1000:
    case 1010:
      return { reason: 'retry_later', code, message: `${qb} — QuickBooks was not available; Sharper will try again later.` };
    default:
      return { reason: 'rejected', code, message: `${qb}${HINTS[s.code] ? ` — ${HINTS[s.code]}` : ' — fix the record in Sharper or QuickBooks, then requeue.'}` };
  }
}
