import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const webhookFormats = ['cloudevents', 'legacy'] as const;

/**
 * QBO webhook notifications, recorded when they arrive and consumed by the company's next sync
 * run (its CDC read covers them; the few it does not are read one by one). Intuit retries a
 * delivery until it gets a 2xx, so a repeated event is one row.
 */
export const qboWebhookEventsTable = sqliteTable(
  'qbo_webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    qbEntity: text('qb_entity').notNull(),
    qbId: text('qb_id').notNull(),
    /** Create, Update, Delete, Void, Merge, Emailed (CloudEvents actions mapped to these). */
    operation: text('operation').notNull(),
    /** When QBO says the change happened (ISO). */
    changedAt: text('changed_at').notNull(),
    format: text('format', { enum: webhookFormats }).notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('qbo_webhook_events_change_idx').on(t.companyId, t.qbEntity, t.qbId, t.operation, t.changedAt),
    index('qbo_webhook_events_company_idx').on(t.companyId, t.id),
  ],
);
