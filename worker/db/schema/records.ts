import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordKinds, recordStatuses } from './enums';

/** The current version of every record Sharper sent: the source of truth. */
export const recordsTable = sqliteTable(
  'records',
  {
    companyId: text('company_id').notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: recordStatuses }).notNull(),
    contentHash: text('content_hash').notNull(),
    /** Normalized JSON payload, money in integer cents. */
    data: text('data').notNull(),
    docNumber: text('doc_number'),
    /** Transaction date (YYYY-MM-DD); null for list records. */
    txnDate: text('txn_date'),
    /** For list records: whether Sharper has it active. */
    active: integer('active', { mode: 'boolean' }).notNull(),
    displayName: text('display_name'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.kind, t.sourceId] }),
    index('records_doc_idx').on(t.companyId, t.docNumber),
  ],
);

/** Every version ever accepted, so a job always finds the exact content it must send. */
export const recordVersionsTable = sqliteTable(
  'record_versions',
  {
    companyId: text('company_id').notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: recordStatuses }).notNull(),
    contentHash: text('content_hash').notNull(),
    data: text('data').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.kind, t.sourceId, t.version] })],
);
