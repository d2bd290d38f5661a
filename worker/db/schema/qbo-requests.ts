import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Write requests as sent, kept until their answer is recorded. A job whose answer was lost is
 * re-sent as exactly this request (same requestid, same body) so QBO replays the original result.
 */
export const qboRequestsTable = sqliteTable(
  'qbo_requests',
  {
    companyId: text('company_id').notNull(),
    requestId: text('request_id').notNull(),
    path: text('path').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.requestId] })],
);

/** Which job rode in which request, and under which batch item id. */
export const qboRequestJobsTable = sqliteTable(
  'qbo_request_jobs',
  {
    companyId: text('company_id').notNull(),
    jobId: integer('job_id').notNull(),
    requestId: text('request_id').notNull(),
    bId: text('b_id'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.jobId] }), index('qbo_request_jobs_req_idx').on(t.companyId, t.requestId)],
);
