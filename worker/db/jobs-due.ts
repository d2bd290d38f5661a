import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { SyncTarget } from './schema/enums';

/**
 * Jobs a target could still take in this run: `ready` (queued, or a retryable failure that is due)
 * and `dependants` (waiting only for records whose own jobs are queued, sending or waiting).
 */
export async function countOpenJobs(db: Db, a: { companyId: string; target: SyncTarget; nowMs: number }): Promise<{ ready: number; dependants: number }> {
  const [row] = await db.all<{ ready: number; dependants: number }>(sql`
    SELECT
      (SELECT COUNT(*) FROM jobs j
        WHERE j.company_id = ${a.companyId} AND j.target = ${a.target}
          AND (j.state = 'queued' OR (j.state = 'failed' AND j.retryable = 1)) AND j.run_after <= ${a.nowMs}) AS ready,
      (SELECT COUNT(*) FROM jobs j
        WHERE j.company_id = ${a.companyId} AND j.target = ${a.target} AND j.state = 'waiting'
          AND NOT EXISTS (
            SELECT 1 FROM job_dependencies d WHERE d.job_id = j.id
              AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.company_id = j.company_id AND c.target = j.target
                                AND c.record_kind = d.kind AND c.source_id = d.source_id
                                AND c.state IN ('queued', 'sending', 'waiting')))) AS dependants`);
  return { ready: Number(row?.ready ?? 0), dependants: Number(row?.dependants ?? 0) };
}

/** Makes the given in-doubt queued jobs due now (scoped to the company, target and in-doubt rows). */
export async function makeInDoubtDue(db: Db, a: { companyId: string; target: SyncTarget; jobIds: number[] }): Promise<void> {
  if (a.jobIds.length === 0) return;
  await db.run(sql`
    UPDATE jobs SET run_after = 0
    WHERE company_id = ${a.companyId} AND target = ${a.target} AND state = 'queued' AND in_doubt = 1
      AND id IN (SELECT value FROM json_each(${JSON.stringify(a.jobIds)}))`);
}
