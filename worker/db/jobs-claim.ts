import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { SyncTarget } from './schema/enums';
import { toJobRow, type JobRow } from './job-rows';

export interface ClaimedRow extends JobRow {
  claimToken: string;
  data: string;
  recordStatus: string;
  mappedQbId: string | null;
  mappedQbLock: string | null;
}

/**
 * Claims up to `limit` ready jobs in one conditional UPDATE … RETURNING, so two concurrent
 * claimers can never get the same job. A record with a job already in flight is skipped, and so
 * is a version while an earlier one of its record is still to go (queued — in doubt included — or
 * due for a retry), so versions reach QuickBooks in order and never two in one claim.
 */
export async function claimReadyJobs(
  db: Db,
  a: { companyId: string; target: SyncTarget; limit: number; nowMs: number; leaseUntil: number; claimToken: string; now: string },
): Promise<ClaimedRow[]> {
  const claimed = await db.all<{ id: number }>(sql`
    UPDATE jobs SET state = 'sending', attempts = attempts + 1, lease_until = ${a.leaseUntil},
                    claim_token = ${a.claimToken}, updated_at = ${a.now}
    WHERE id IN (
      SELECT j.id FROM jobs j
      WHERE j.company_id = ${a.companyId} AND j.target = ${a.target}
        AND (j.state = 'queued' OR (j.state = 'failed' AND j.retryable = 1))
        AND j.run_after <= ${a.nowMs}
        AND NOT EXISTS (SELECT 1 FROM jobs s WHERE s.company_id = j.company_id AND s.target = j.target
                          AND s.record_kind = j.record_kind AND s.source_id = j.source_id AND s.state = 'sending')
        AND NOT EXISTS (SELECT 1 FROM jobs e WHERE e.company_id = j.company_id AND e.target = j.target
                          AND e.record_kind = j.record_kind AND e.source_id = j.source_id AND e.version < j.version
                          AND (e.state = 'queued' OR (e.state = 'failed' AND e.retryable = 1)))
      ORDER BY j.rank, j.id
      LIMIT ${a.limit})
    AND (state = 'queued' OR (state = 'failed' AND retryable = 1))
    RETURNING id`);
  if (claimed.length === 0) return [];
  return readClaimed(db, a.claimToken);
}

/**
 * Claims waiting jobs whose every missing dependency is itself in this claim, for targets that
 * apply a message in order (QuickBooks Desktop): a customer and the invoice that needs it can
 * travel in one Web Connector message. Returns the ids claimed in this step.
 */
export async function claimDependantsInSameClaim(
  db: Db,
  a: { companyId: string; target: SyncTarget; limit: number; leaseUntil: number; claimToken: string; now: string },
): Promise<number[]> {
  const rows = await db.all<{ id: number }>(sql`
    UPDATE jobs SET state = 'sending', attempts = attempts + 1, lease_until = ${a.leaseUntil},
                    claim_token = ${a.claimToken}, updated_at = ${a.now}
    WHERE id IN (
      SELECT j.id FROM jobs j
      WHERE j.company_id = ${a.companyId} AND j.target = ${a.target} AND j.state = 'waiting'
        AND NOT EXISTS (
          SELECT 1 FROM job_dependencies d WHERE d.job_id = j.id
            AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.company_id = j.company_id AND c.target = j.target
                              AND c.record_kind = d.kind AND c.source_id = d.source_id
                              AND c.claim_token = ${a.claimToken} AND c.state = 'sending' AND c.action = 'upsert'))
        AND NOT EXISTS (SELECT 1 FROM jobs s WHERE s.company_id = j.company_id AND s.target = j.target
                          AND s.record_kind = j.record_kind AND s.source_id = j.source_id AND s.state = 'sending')
      ORDER BY j.rank, j.id
      LIMIT ${a.limit})
    AND state = 'waiting'
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

export async function readClaimed(db: Db, claimToken: string): Promise<ClaimedRow[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT j.*, v.data AS data, v.status AS record_status, m.qb_id AS mapped_qb_id, m.qb_lock AS mapped_qb_lock
    FROM jobs j
    JOIN record_versions v ON v.company_id = j.company_id AND v.kind = j.record_kind AND v.source_id = j.source_id AND v.version = j.version
    LEFT JOIN id_map m ON m.company_id = j.company_id AND m.target = j.target AND m.kind = j.record_kind AND m.source_id = j.source_id
    WHERE j.claim_token = ${claimToken} AND j.state = 'sending'
    ORDER BY j.rank, j.id`);
  return rows.map((r) => ({
    ...toJobRow(r),
    claimToken,
    data: r.data as string,
    recordStatus: r.record_status as string,
    mappedQbId: (r.mapped_qb_id as string | null) ?? null,
    mappedQbLock: (r.mapped_qb_lock as string | null) ?? null,
  }));
}
