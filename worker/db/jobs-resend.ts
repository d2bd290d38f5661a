import { sql } from 'drizzle-orm';
import { runBatch } from './batch';
import type { Db } from './client';
import type { RecordKind, SyncTarget } from './schema/enums';
import { toJobRow, type JobRow } from './job-rows';

/**
 * Puts the newest job of a record back in the queue (a synced job included), optionally forgetting
 * its QuickBooks id so the target creates it anew. One batch: the id map and the job move together.
 */
export async function reopenLatestJob(
  db: Db,
  a: { companyId: string; target: SyncTarget; kind: RecordKind; sourceId: string; now: string; code: string; message: string; forgetQuickBooksId: boolean },
): Promise<JobRow | undefined> {
  const latest = sql`(SELECT MAX(id) FROM jobs WHERE company_id = ${a.companyId} AND target = ${a.target} AND record_kind = ${a.kind} AND source_id = ${a.sourceId})`;
  await runBatch(db, [
    ...(a.forgetQuickBooksId
      ? [sql`DELETE FROM id_map WHERE company_id = ${a.companyId} AND target = ${a.target} AND kind = ${a.kind} AND source_id = ${a.sourceId}`]
      : []),
    sql`
      UPDATE jobs SET state = 'queued', attempts = 0, retryable = 0, run_after = 0, in_doubt = 0, synced_at = NULL,
                      last_code = ${a.code}, last_message = ${a.message}, updated_at = ${a.now}
      WHERE id = ${latest} AND state IN ('synced', 'failed', 'held')`,
  ]);
  const row = await db.get<Record<string, unknown>>(sql`SELECT * FROM jobs WHERE id = ${latest}`);
  return row ? toJobRow(row) : undefined;
}

/** Forgets a record's QuickBooks id when QuickBooks says it no longer exists (only if it is still that id). */
export async function forgetQuickBooksId(db: Db, a: { companyId: string; target: SyncTarget; kind: RecordKind; sourceId: string; qbId: string }): Promise<void> {
  await db.run(sql`
    DELETE FROM id_map
    WHERE company_id = ${a.companyId} AND target = ${a.target} AND kind = ${a.kind} AND source_id = ${a.sourceId} AND qb_id = ${a.qbId}`);
}
