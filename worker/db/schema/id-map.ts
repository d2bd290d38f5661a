import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordKinds, syncTargets } from './enums';

/** Sharper id → QuickBooks id (ListID/TxnID or QBO Id) and its lock token (EditSequence/SyncToken). */
export const idMapTable = sqliteTable(
  'id_map',
  {
    companyId: text('company_id').notNull(),
    target: text('target', { enum: syncTargets }).notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    qbId: text('qb_id').notNull(),
    qbLock: text('qb_lock'),
    syncedVersion: integer('synced_version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.target, t.kind, t.sourceId] }),
    // Drift detection and the extension look records up by their QuickBooks id.
    index('id_map_qb_id_idx').on(t.companyId, t.target, t.kind, t.qbId),
  ],
);
