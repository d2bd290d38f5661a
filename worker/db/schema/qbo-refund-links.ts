import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What links a refund's journal entry in QuickBooks Online to the credit it pays out, so neither
 * stays open: for a credit memo, a zero-amount Payment linking the memo and the journal entry
 * (`linkQbId` is that Payment); for an overpayment, a line of the overpaying Payment itself
 * (`linkQbId` is that Payment, which is in the id map as Sharper's payment). Kept apart from
 * `id_map`, like `qbo_credit_applications`; `signature` says what the link settles.
 */
export const qboRefundLinksTable = sqliteTable(
  'qbo_refund_links',
  {
    companyId: text('company_id').notNull(),
    refundSourceId: text('refund_source_id').notNull(),
    /** `credit_memo` or `payment`: what the refund pays out. */
    ofKind: text('of_kind').notNull(),
    ofSourceId: text('of_source_id').notNull(),
    /** The refund's JournalEntry the link settles. */
    jeQbId: text('je_qb_id').notNull(),
    linkQbId: text('link_qb_id').notNull(),
    syncToken: text('sync_token'),
    /** Cents the link applies. */
    amount: integer('amount').notNull(),
    signature: text('signature').notNull(),
    refundVersion: integer('refund_version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.refundSourceId] }), index('qbo_refund_links_link').on(t.companyId, t.linkQbId), index('qbo_refund_links_of').on(t.companyId, t.ofKind, t.ofSourceId)],
);
