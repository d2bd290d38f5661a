import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import type { JobState, JobType, RecordKind } from './schema/enums';
import { toJobRow, type JobRow } from './job-rows';

export interface JobFilter {
  type?: JobType[];
  state?: JobState[];
  kind?: RecordKind[];
  sourceId?: string;
  docNumber?: string;
  /** Inclusive bounds on when the job last changed (ISO date or datetime). */
  from?: string;
  to?: string;
  /** Text searched in the message, document number, name and Sharper id. */
  q?: string;
  ids?: number[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function jobFilterSql(companyId: string, f: JobFilter): SQL {
  const parts: SQL[] = [sql`company_id = ${companyId}`];
  if (f.type?.length) parts.push(sql`job_type IN (SELECT value FROM json_each(${JSON.stringify(f.type)}))`);
  if (f.state?.length) parts.push(sql`state IN (SELECT value FROM json_each(${JSON.stringify(f.state)}))`);
  if (f.kind?.length) parts.push(sql`record_kind IN (SELECT value FROM json_each(${JSON.stringify(f.kind)}))`);
  if (f.ids?.length) parts.push(sql`id IN (SELECT value FROM json_each(${JSON.stringify(f.ids)}))`);
  if (f.sourceId) parts.push(sql`source_id = ${f.sourceId}`);
  if (f.docNumber) parts.push(sql`doc_number = ${f.docNumber}`);
  if (f.from) parts.push(sql`updated_at >= ${f.from}`);
  // A bare date as the upper bound means "through the end of that day".
  if (f.to) parts.push(sql`updated_at <= ${f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(sql`(last_message LIKE ${like} ESCAPE '\\' OR doc_number LIKE ${like} ESCAPE '\\'
                    OR display_name LIKE ${like} ESCAPE '\\' OR source_id LIKE ${like} ESCAPE '\\' OR last_code LIKE ${like} ESCAPE '\\')`);
  }
  return sql.join(parts, sql` AND `);
}

/** Newest first; `beforeId` is the cursor (the last id of the previous page). */
export async function listJobs(db: Db, companyId: string, f: JobFilter, page: { beforeId?: number; limit: number }): Promise<JobRow[]> {
  const cursor = page.beforeId ? sql` AND id < ${page.beforeId}` : sql``;
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT * FROM jobs WHERE ${jobFilterSql(companyId, f)}${cursor} ORDER BY id DESC LIMIT ${page.limit}`);
  return rows.map(toJobRow);
}

export async function countJobsByState(db: Db, companyId: string): Promise<{ state: JobState; jobType: JobType; count: number }[]> {
  const rows = await db.all<{ state: JobState; job_type: JobType; n: number }>(sql`
    SELECT state, job_type, COUNT(*) AS n FROM jobs WHERE company_id = ${companyId} GROUP BY state, job_type`);
  return rows.map((r) => ({ state: r.state, jobType: r.job_type, count: Number(r.n) }));
}

export async function oldestWaiting(db: Db, companyId: string): Promise<string | null> {
  const row = await db.get<{ t: string | null }>(sql`
    SELECT MIN(created_at) AS t FROM jobs WHERE company_id = ${companyId} AND state IN ('queued', 'waiting')`);
  return row?.t ?? null;
}

export async function findJob(db: Db, companyId: string, jobId: number): Promise<JobRow | undefined> {
  const row = await db.get<Record<string, unknown>>(sql`SELECT * FROM jobs WHERE company_id = ${companyId} AND id = ${jobId}`);
  return row ? toJobRow(row) : undefined;
}

export interface AttemptRow {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  code: string | null;
  message: string | null;
  requestExcerpt: string | null;
  responseExcerpt: string | null;
}

export async function listAttempts(db: Db, companyId: string, jobId: number): Promise<AttemptRow[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT * FROM job_attempts WHERE company_id = ${companyId} AND job_id = ${jobId} ORDER BY id`);
  return rows.map((r) => ({
    attempt: Number(r.attempt),
    startedAt: r.started_at as string,
    finishedAt: (r.finished_at as string | null) ?? null,
    outcome: r.outcome as string,
    code: (r.code as string | null) ?? null,
    message: (r.message as string | null) ?? null,
    requestExcerpt: (r.request_excerpt as string | null) ?? null,
    responseExcerpt: (r.response_excerpt as string | null) ?? null,
  }));
}

export interface DependencyRow {
  kind: RecordKind;
  sourceId: string;
  /** The newest job of the record it waits for, if Sharper has sent that record. */
  jobId: number | null;
  jobType: JobType | null;
  jobState: JobState | null;
}

export async function listDependencies(db: Db, companyId: string, jobId: number): Promise<DependencyRow[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT d.kind, d.source_id, j.id AS job_id, j.job_type, j.state
    FROM job_dependencies d
    LEFT JOIN jobs j ON j.id = (SELECT MAX(id) FROM jobs x WHERE x.company_id = d.company_id AND x.target = d.target
                                 AND x.record_kind = d.kind AND x.source_id = d.source_id)
    WHERE d.company_id = ${companyId} AND d.job_id = ${jobId}`);
  return rows.map((r) => ({
    kind: r.kind as RecordKind,
    sourceId: r.source_id as string,
    jobId: r.job_id == null ? null : Number(r.job_id),
    jobType: (r.job_type as JobType | null) ?? null,
    jobState: (r.state as JobState | null) ?? null,
  }));
}

export async function findRecordVersion(db: Db, companyId: string, kind: RecordKind, sourceId: string, version: number) {
  return db.get<{ data: string; status: string; created_at: string }>(sql`
    SELECT data, status, created_at FROM record_versions
    WHERE company_id = ${companyId} AND kind = ${kind} AND source_id = ${sourceId} AND version = ${version}`);
}

export async function findIdMapEntry(db: Db, companyId: string, target: string, kind: RecordKind, sourceId: string) {
  return db.get<{ qb_id: string; qb_lock: string | null; synced_version: number; updated_at: string }>(sql`
    SELECT qb_id, qb_lock, synced_version, updated_at FROM id_map
    WHERE company_id = ${companyId} AND target = ${target} AND kind = ${kind} AND source_id = ${sourceId}`);
}
