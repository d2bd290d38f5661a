import { sql } from 'drizzle-orm';
import { runBatch } from './batch';
import type { Db } from './client';
import type { JobState, RecordKind } from './schema/enums';
import { jobFilterSql, type JobFilter } from './jobs-log';
import { toJobRow, type JobRow } from './job-rows';

export const REQUEUEABLE_STATES: readonly JobState[] = ['failed', 'held', 'waiting'];

/** Requeueable jobs matching a filter, with the content of the version each one sends. */
export async function findRequeueable(db: Db, companyId: string, f: JobFilter, limit: number): Promise<(JobRow & { data: string })[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT j.*, v.data AS data FROM jobs j
    JOIN record_versions v ON v.company_id = j.company_id AND v.kind = j.record_kind AND v.source_id = j.source_id AND v.version = j.version
    WHERE j.id IN (SELECT id FROM jobs WHERE ${jobFilterSql(companyId, f)})
      AND j.state IN ('failed', 'held', 'waiting')
    ORDER BY j.rank, j.id LIMIT ${limit}`);
  return rows.map((r) => ({ ...toJobRow(r), data: r.data as string }));
}

export interface RequeueWrite {
  id: number;
  state: 'queued' | 'held' | 'waiting';
  code: string | null;
  message: string | null;
  dependencies: [RecordKind, string][];
}

/**
 * Applies fresh readiness to requeued jobs in one batch: attempts restart, backoff is cleared,
 * dependency rows are rebuilt (only for records still unmapped) and jobs left without any are queued.
 */
export async function applyRequeue(db: Db, a: { companyId: string; now: string; jobs: RequeueWrite[] }): Promise<JobRow[]> {
  const json = JSON.stringify(a.jobs);
  const deps = JSON.stringify(a.jobs.flatMap((j) => j.dependencies.map(([kind, sourceId]) => ({ id: j.id, kind, sourceId }))));
  const ids = JSON.stringify(a.jobs.map((j) => j.id));
  await runBatch(db, [
    sql`DELETE FROM job_dependencies WHERE company_id = ${a.companyId} AND job_id IN (SELECT value FROM json_each(${ids}))`,
    sql`
      UPDATE jobs SET state = n.value ->> '$.state', last_code = n.value ->> '$.code', last_message = n.value ->> '$.message',
                      attempts = 0, retryable = 0, run_after = 0, updated_at = ${a.now}
      FROM json_each(${json}) n
      WHERE jobs.company_id = ${a.companyId} AND jobs.id = n.value ->> '$.id' AND jobs.state IN ('failed', 'held', 'waiting')`,
    sql`
      INSERT INTO job_dependencies (job_id, company_id, target, kind, source_id)
      SELECT j.id, j.company_id, j.target, d.value ->> '$.kind', d.value ->> '$.sourceId'
      FROM json_each(${deps}) d JOIN jobs j ON j.id = d.value ->> '$.id' AND j.company_id = ${a.companyId} AND j.state = 'waiting'
      WHERE NOT EXISTS (SELECT 1 FROM id_map m WHERE m.company_id = j.company_id AND m.target = j.target
                          AND m.kind = d.value ->> '$.kind' AND m.source_id = d.value ->> '$.sourceId')`,
    sql`
      UPDATE jobs SET state = 'queued', last_code = NULL, last_message = NULL
      WHERE company_id = ${a.companyId} AND state = 'waiting' AND id IN (SELECT value FROM json_each(${ids}))
        AND NOT EXISTS (SELECT 1 FROM job_dependencies d WHERE d.job_id = jobs.id)`,
  ]);
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT * FROM jobs WHERE company_id = ${a.companyId} AND id IN (SELECT value FROM json_each(${ids})) ORDER BY rank, id`);
  return rows.map(toJobRow);
}

/** Id-map lookups for the targets: which of these records exist in QuickBooks, and as what. */
export async function findIdMapEntries(db: Db, companyId: string, target: string, keys: [RecordKind, string][]) {
  if (keys.length === 0) return [];
  return db.all<{ kind: RecordKind; source_id: string; qb_id: string; qb_lock: string | null; synced_version: number }>(sql`
    SELECT kind, source_id, qb_id, qb_lock, synced_version FROM id_map
    WHERE company_id = ${companyId} AND target = ${target}
      AND (kind, source_id) IN (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(${JSON.stringify(keys)}))`);
}
