import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const qbdSessionStates = ['open', 'closed'] as const;
/** Which call the session expects next; anything else is an out-of-order call. */
export const qbdSessionSteps = ['send', 'receive'] as const;

/** One Web Connector update session, found again by its ticket. */
export const qbdSessionsTable = sqliteTable(
  'qbd_sessions',
  {
    ticket: text('ticket').primaryKey(),
    companyId: text('company_id').notNull(),
    state: text('state', { enum: qbdSessionStates }).notNull(),
    awaiting: text('awaiting', { enum: qbdSessionSteps }).notNull().default('send'),
    /** Epoch ms after which the ticket is refused. */
    expiresAt: integer('expires_at').notNull(),
    /** Negotiated on the first sendRequestXML (never newer than the host supports). */
    qbxmlVersion: text('qbxml_version'),
    companyFile: text('company_file'),
    country: text('country'),
    lastError: text('last_error'),
    workDone: integer('work_done').notNull().default(0),
    roundTrips: integer('round_trips').notNull().default(0),
    /** JSON: the claimed jobs, the requests in the last message, and follow-ups for the next one. */
    inflight: text('inflight').notNull().default('{"jobs":{},"sent":[],"carry":[]}'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('qbd_sessions_company_idx').on(t.companyId, t.state)],
);
