import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { jobActions, jobStates, jobTypes, recordKinds, syncTargets } from './enums';

/** One job per (company, target, record, version). */
export const jobsTable = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    target: text('target', { enum: syncTargets }).notNull(),
    jobType: text('job_type', { enum: jobTypes }).notNull(),
    recordKind: text('record_kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
    version: integer('version').notNull(),
    action: text('action', { enum: jobActions }).notNull(),
    state: text('state', { enum: jobStates }).notNull(),
    /** Dependency rank: lower ranks are sent first (accounts before items before invoices…). */
    rank: integer('rank').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms before which a retry is not due. */
    runAfter: integer('run_after').notNull().default(0),
    /** Epoch ms after which a `sending` job is considered abandoned. */
    leaseUntil: integer('lease_until'),
    claimToken: text('claim_token'),
    /** Set when a send may have reached QuickBooks without an answer: check before re-sending. */
    inDoubt: integer('in_doubt', { mode: 'boolean' }).notNull().default(false),
    retryable: integer('retryable', { mode: 'boolean' }).notNull().default(false),
    lastCode: text('last_code'),
    lastMessage: text('last_message'),
    docNumber: text('doc_number'),
    txnDate: text('txn_date'),
    displayName: text('display_name'),
    qbId: text('qb_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    syncedAt: text('synced_at'),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_idx').on(t.companyId, t.target, t.recordKind, t.sourceId, t.version),
    index('jobs_claim_idx').on(t.companyId, t.target, t.state, t.rank, t.id),
    index('jobs_log_idx').on(t.companyId, t.id),
    index('jobs_state_idx').on(t.state, t.leaseUntil),
  ],
);

/** What a waiting job still needs in QuickBooks; a row disappears when that record syncs. */
export const jobDependenciesTable = sqliteTable(
  'job_dependencies',
  {
    jobId: integer('job_id').notNull(),
    companyId: text('company_id').notNull(),
    target: text('target', { enum: syncTargets }).notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    sourceId: text('source_id').notNull(),
  },
  (t) => [
    index('job_deps_job_idx').on(t.jobId),
    index('job_deps_dep_idx').on(t.companyId, t.target, t.kind, t.sourceId),
  ],
);

/** One row per send attempt: what was sent, what came back. */
export const jobAttemptsTable = sqliteTable(
  'job_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    jobId: integer('job_id').notNull(),
    companyId: text('company_id').notNull(),
    attempt: integer('attempt').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    outcome: text('outcome').notNull(),
    code: text('code'),
    message: text('message'),
    requestExcerpt: text('request_excerpt'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('job_attempts_job_idx').on(t.jobId)],
);
