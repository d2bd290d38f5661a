import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A credit memo's application to invoices as QuickBooks Online holds it: the zero-amount Payment
 * linking the memo and its invoices. Kept apart from `id_map` (the memo itself is there) so the
 * Payment never passes for one of Sharper's payments; `signature` says what it applies.
 */
export const qboCreditApplicationsTable = sqliteTable(
  'qbo_credit_applications',
  {
    companyId: text('company_id').notNull(),
    memoSourceId: text('memo_source_id').notNull(),
    paymentQbId: text('payment_qb_id').notNull(),
    syncToken: text('sync_token'),
    signature: text('signature').notNull(),
    /** The memo version whose job created it. */
    memoVersion: integer('memo_version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.memoSourceId] })],
);
