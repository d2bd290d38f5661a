import { decodeCursor, encodeCursor } from '../shared/cursor';
import type { Db } from '../db/client';
import {
  countJobsByState,
  findIdMapEntry,
  findJob,
  findRecordVersion,
  listAttempts,
  listDependencies,
  listJobs,
  oldestWaiting,
  type JobFilter,
} from '../db/jobs-log';
import type { JobRow } from '../db/job-rows';
import { jobStates } from '../db/schema/enums';
import { recordKindSpecs } from '../ledger/kinds';
import { notFound } from '../shared/errors';

export function jobView(j: JobRow) {
  return {
    id: j.id,
    type: j.jobType,
    target: j.target,
    record: { kind: j.recordKind, id: j.sourceId, version: j.version, docNumber: j.docNumber, name: j.displayName, date: j.txnDate },
    action: j.action,
    state: j.state,
    attempts: j.attempts,
    retryable: j.retryable,
    nextAttemptAt: j.state === 'failed' && j.retryable ? new Date(j.runAfter).toISOString() : null,
    inDoubt: j.inDoubt,
    code: j.lastCode,
    message: j.lastMessage,
    qbId: j.qbId,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    syncedAt: j.syncedAt,
  };
}
export type JobView = ReturnType<typeof jobView>;


export async function listSyncLog({ ctx, companyId, filter, cursor, limit }: { ctx: { db: Db }; companyId: string; filter: JobFilter; cursor?: string; limit: number }) {
  const rows = await listJobs(ctx.db, companyId, filter, { beforeId: cursor ? decodeCursor('j', cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { jobs: page.map(jobView), nextCursor: rows.length > limit ? encodeCursor('j', page[page.length - 1].id) : null };
}

export async function getJobDetail({ ctx, companyId, jobId }: { ctx: { db: Db }; companyId: string; jobId: number }) {
  const job = await findJob(ctx.db, companyId, jobId);
  if (!job) throw notFound(`Job ${jobId}`);
  const [attempts, dependencies, version, mapped] = await Promise.all([
    listAttempts(ctx.db, companyId, jobId),
    listDependencies(ctx.db, companyId, jobId),
    findRecordVersion(ctx.db, companyId, job.recordKind, job.sourceId, job.version),
    findIdMapEntry(ctx.db, companyId, job.target, job.recordKind, job.sourceId),
  ]);
  return {
    ...jobView(job),
    recordData: version ? JSON.parse(version.data) : null,
    recordStatus: version?.status ?? null,
    quickbooks: mapped ? { id: mapped.qb_id, lockToken: mapped.qb_lock, syncedVersion: mapped.synced_version, updatedAt: mapped.updated_at } : null,
    waitingFor: dependencies.map((d) => ({
      kind: d.kind,
      id: d.sourceId,
      job: d.jobId ? { id: d.jobId, type: d.jobType, state: d.jobState } : null,
      description: d.jobId
        ? `${d.jobType} #${d.jobId} (${d.jobState}) for ${recordKindSpecs[d.kind].label} ${d.sourceId}`
        : `${recordKindSpecs[d.kind].label} ${d.sourceId}, not yet received from Sharper`,
    })),
    attemptHistory: attempts,
  };
}

/** Counts per state (every state present, zero or not) and per job type: the health at a glance. */
export async function getJobCounts({ ctx, companyId, now }: { ctx: { db: Db }; companyId: string; now: Date }) {
  const [rows, oldest] = await Promise.all([countJobsByState(ctx.db, companyId), oldestWaiting(ctx.db, companyId)]);
  const byState = Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<(typeof jobStates)[number], number>;
  const byType: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    byState[r.state] += r.count;
    byType[r.jobType] = { ...(byType[r.jobType] ?? {}), [r.state]: r.count };
  }
  return {
    byState,
    byType,
    total: rows.reduce((a, r) => a + r.count, 0),
    oldestPendingAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : null,
  };
}

const CSV_COLUMNS = ['id', 'type', 'state', 'record_kind', 'sharper_id', 'version', 'doc_number', 'name', 'date', 'attempts', 'code', 'message', 'quickbooks_id', 'updated_at'] as const;

function csvCell(value: unknown): string {
  const text = value == null ? '' : String(value);
  // A leading =,+,-,@ would run as a formula when an accountant opens the file in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_MAX_ROWS = 50_000;

/** The log as CSV, every matching job (newest first), read page by page. */
export async function exportSyncLogCsv({ ctx, companyId, filter }: { ctx: { db: Db }; companyId: string; filter: JobFilter }): Promise<string> {
  const lines = [CSV_COLUMNS.join(',')];
  let beforeId: number | undefined;
  for (let total = 0; total < CSV_MAX_ROWS; ) {
    const rows = await listJobs(ctx.db, companyId, filter, { beforeId, limit: 1000 });
    for (const j of rows) {
      lines.push(
        [j.id, j.jobType, j.state, j.recordKind, j.sourceId, j.version, j.docNumber, j.displayName, j.txnDate, j.attempts, j.lastCode, j.lastMessage, j.qbId, j.updatedAt]
          .map(csvCell)
          .join(','),
      );
    }
    total += rows.length;
    if (rows.length < 1000) break;
    beforeId = rows[rows.length - 1].id;
  }
  return `${lines.join('\r\n')}\r\n`;
}
