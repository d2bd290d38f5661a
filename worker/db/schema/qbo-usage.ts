import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Calls to QBO per company per calendar month (UTC): reads are the metered CorePlus calls. */
export const qboUsageTable = sqliteTable(
  'qbo_usage',
  {
    companyId: text('company_id').notNull(),
    month: text('month').notNull(),
    reads: integer('reads').notNull().default(0),
    writes: integer('writes').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    throttled: integer('throttled').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.month] })],
);
