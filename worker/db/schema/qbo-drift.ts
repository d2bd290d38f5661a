import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordKinds } from './enums';

export const driftStatuses = ['open', 'restored', 'acknowledged'] as const;
export type DriftStatus = (typeof driftStatuses)[number];

export const driftSources = ['cdc', 'webhook'] as const;

/** An edit made in QuickBooks Online to a record Sharper owns, with a field-level diff. */
export const qboDriftTable = sqliteTable(
  'qbo_drift',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    qbEntity: text('qb_entity').notNull(),
    qbId: text('qb_id').notNull(),
    /** The SyncToken QBO showed (or "deleted"): one entry per observed change. */
    qbSyncToken: text('qb_sync_token').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    /** JSON: [{ field, sharper, quickbooks }]. */
    diff: text('diff').notNull(),
    source: text('source', { enum: driftSources }).notNull(),
    status: text('status', { enum: driftStatuses }).notNull(),
    detectedAt: text('detected_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('qbo_drift_change_idx').on(t.companyId, t.qbEntity, t.qbId, t.qbSyncToken),
    index('qbo_drift_company_idx').on(t.companyId, t.status, t.id),
  ],
);
