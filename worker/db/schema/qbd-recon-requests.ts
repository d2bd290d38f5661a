import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * `requested` → `sent` (in a Web Connector message) → `fetched` (snapshot stored) or `failed`
 * (QuickBooks refused the reports). A `sent` row whose session ended without the answer is sent
 * again by the next session: report queries are reads, so asking twice is harmless.
 */
export const qbdReconStates = ['requested', 'sent', 'fetched', 'failed'] as const;
export type QbdReconState = (typeof qbdReconStates)[number];

/** A month-end reconciliation's QuickBooks Desktop figures: asked for, then fetched on a Web Connector run. */
export const qbdReconRequestsTable = sqliteTable(
  'qbd_recon_requests',
  {
    companyId: text('company_id').notNull(),
    /** The report date (YYYY-MM-DD): the month's last day, or today for the current month. */
    asOf: text('as_of').notNull(),
    /** Where the trial balance's profit-and-loss figures start (the fiscal year). */
    yearStart: text('year_start').notNull(),
    state: text('state', { enum: qbdReconStates }).notNull(),
    requestedAt: text('requested_at').notNull(),
    sentAt: text('sent_at'),
    /** The Web Connector session that carried the report queries. */
    sentTicket: text('sent_ticket'),
    fetchedAt: text('fetched_at'),
    /** qbXML read requests that made the snapshot (each report or list query counts once). */
    readRequests: integer('read_requests').notNull().default(0),
    /** JSON: QuickBooks' accounts, open A/R items and deleted transactions as of `as_of` (worker/qbd/recon). */
    snapshot: text('snapshot'),
    error: text('error'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.asOf] }), index('qbd_recon_requests_state_idx').on(t.companyId, t.state)],
);
