import type { RecordKind } from '../db/schema/enums';

/** The QBO transaction and name pages the extension recognises (qbo-api.md §6.2). */
export const qboPageEntities = ['Invoice', 'Payment', 'CreditMemo', 'RefundReceipt', 'SalesReceipt', 'JournalEntry', 'Customer'] as const;
export type QboPageEntity = (typeof qboPageEntities)[number];

/**
 * Which Sharper kinds a QBO entity can be. Sharper never creates sales receipts, so a sales
 * receipt is never Sharper's (its page still gets the "AR is created in Sharper" warning when new).
 */
export const sharperKindsOf: Record<QboPageEntity, readonly RecordKind[]> = {
  Invoice: ['invoice'],
  Payment: ['payment'],
  CreditMemo: ['credit_memo'],
  // Sharper's refunds reach QBO as journal entries (see qbo/mappers/common.ts).
  RefundReceipt: [],
  SalesReceipt: [],
  JournalEntry: ['journal_entry', 'refund'],
  Customer: ['customer'],
};

/** Fills a company's "Open in Sharper" template ({kind}, {id}); null when the company has none. */
export function openInSharperUrl(template: string | null, kind: RecordKind, sourceId: string): string | null {
  if (!template) return null;
  return template.replaceAll('{kind}', encodeURIComponent(kind)).replaceAll('{id}', encodeURIComponent(sourceId));
}
