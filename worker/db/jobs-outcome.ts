import { sql, type SQL } from 'drizzle-orm';
import { changes, runBatch } from './batch';
import type { Db } from './client';

export interface AttemptWrite {
  startedAt: string;
  finishedAt: string;
  outcome: string;
  code: string | null;
  message: string | null;
  requestExcerpt: string | null;
  responseExcerpt: string | null;
}

const attemptInsert = (jobId: number, claimToken: string, a: AttemptWrite) =>
  sql`
    INSERT INTO job_attempts (job_id, company_id, attempt, started_at, finished_at, outcome, code, message, request_excerpt, response_excerpt)
    SELECT id, company_id, attempts, ${a.startedAt}, ${a.finishedAt}, ${a.outcome}, ${a.code}, ${a.message}, ${a.requestExcerpt}, ${a.responseExcerpt}
    FROM jobs WHERE id = ${jobId} AND claim_token = ${claimToken} AND state = 'sending'`;

/** Dependency rows that point at the record a just-synced job wrote (not for deletes). */
const dependantsOf = (jobId: number, claimToken: string, column: SQL) => sql`
  SELECT ${column} FROM jobs s
  CROSS JOIN job_dependencies d ON d.company_id = s.company_id AND d.target = s.target AND d.kind = s.record_kind AND d.source_id = s.source_id
  WHERE s.id = ${jobId} AND s.claim_token = ${claimToken} AND s.state = 'synced' AND s.action != 'delete'`;

/** The owned-claim guard every outcome statement repeats, so a stale claimer changes nothing. */
export const owns = (jobId: number, claimToken: string, state: string) =>
  sql`EXISTS (SELECT 1 FROM jobs WHERE id = ${jobId} AND claim_token = ${claimToken} AND state = ${state})`;

/**
 * Where the claimed job's record now is in QuickBooks (never going back to an older version):
 * `qbId` and `version` are SQL over the job's row, so a caller can fall back to its columns.
 */
const idMapUpsert = (a: { jobId: number; claimToken: string; state: string; qbId: SQL; qbLock: string | null; version: SQL; now: string }) => sql`
  INSERT INTO id_map (company_id, target, kind, source_id, qb_id, qb_lock, synced_version, updated_at)
  SELECT company_id, target, record_kind, source_id, ${a.qbId}, ${a.qbLock}, ${a.version}, ${a.now}
  FROM jobs WHERE id = ${a.jobId} AND claim_token = ${a.claimToken} AND state = ${a.state} AND ${a.qbId} IS NOT NULL
  ON CONFLICT (company_id, target, kind, source_id) DO UPDATE SET
    qb_id = excluded.qb_id, qb_lock = COALESCE(excluded.qb_lock, id_map.qb_lock),
    synced_version = MAX(id_map.synced_version, excluded.synced_version), updated_at = excluded.updated_at`;

/**
 * Marks a job synced, records its QuickBooks id and lock token, and releases every job that was
 * waiting only for this record — one transaction, so no dependant is released twice or missed.
 */
export async function recordSynced(
  db: Db,
  a: { jobId: number; claimToken: string; now: string; qbId: string | null; qbLock: string | null; message: string | null; removeMapping: boolean; attempt: AttemptWrite },
): Promise<boolean> {
  const results = await runBatch(db, [
    attemptInsert(a.jobId, a.claimToken, a.attempt),
    sql`
      UPDATE jobs SET state = 'synced', synced_at = ${a.now}, updated_at = ${a.now}, qb_id = COALESCE(${a.qbId}, qb_id),
                      last_code = NULL, last_message = ${a.message}, in_doubt = 0, retryable = 0, lease_until = NULL
      WHERE id = ${a.jobId} AND claim_token = ${a.claimToken} AND state = 'sending'`,
    a.removeMapping
      ? sql`
          DELETE FROM id_map WHERE (company_id, target, kind, source_id) IN
            (SELECT company_id, target, record_kind, source_id FROM jobs WHERE ${owns(a.jobId, a.claimToken, 'synced')} AND id = ${a.jobId})`
      : idMapUpsert({ jobId: a.jobId, claimToken: a.claimToken, state: 'synced', qbId: sql`COALESCE(${a.qbId}, qb_id)`, qbLock: a.qbLock, version: sql`version`, now: a.now }),
    // Release first (dependants whose only remaining need is this record), then drop the rows;
    // both look up dependants through the dependency index, never by scanning waiting jobs.
    sql`
      UPDATE jobs SET state = 'queued', last_code = NULL, last_message = NULL, updated_at = ${a.now}
      WHERE id IN (${dependantsOf(a.jobId, a.claimToken, sql`d.job_id`)})
        AND state = 'waiting'
        AND NOT EXISTS (SELECT 1 FROM job_dependencies o WHERE o.job_id = jobs.id
                          AND o.rowid NOT IN (${dependantsOf(a.jobId, a.claimToken, sql`d.rowid`)}))`,
    sql`DELETE FROM job_dependencies WHERE rowid IN (${dependantsOf(a.jobId, a.claimToken, sql`d.rowid`)})`,
  ]);
  return changes(results[1]) === 1;
}

/**
 * One write of a job that needs more than one (a credit memo, then its application): the attempt
 * is logged and, when the write created or changed the record itself, the id map learns its
 * QuickBooks id and version (the job's, unless the write was an earlier version's) — while the job
 * stays claimed for its next write.
 */
export async function recordStep(
  db: Db,
  a: { jobId: number; claimToken: string; now: string; message: string; mapping: { qbId: string; qbLock: string | null; version?: number } | null; attempt: AttemptWrite },
): Promise<boolean> {
  const results = await runBatch(db, [
    attemptInsert(a.jobId, a.claimToken, a.attempt),
    sql`
      UPDATE jobs SET last_code = NULL, last_message = ${a.message}, qb_id = COALESCE(${a.mapping?.qbId ?? null}, qb_id), updated_at = ${a.now}
      WHERE id = ${a.jobId} AND claim_token = ${a.claimToken} AND state = 'sending'`,
    ...(a.mapping
      ? [idMapUpsert({ jobId: a.jobId, claimToken: a.claimToken, state: 'sending', qbId: sql`${a.mapping.qbId}`, qbLock: a.mapping.qbLock, version: sql`COALESCE(${a.mapping.version ?? null}, version)`, now: a.now })]
      : []),
  ]);
  return changes(results[1]) === 1;
}

/** Moves a claimed job to failed (retryable or not), held, or back to queued after a lost answer. */
export async function recordUnsynced(
  db: Db,
  a: {
    jobId: number;
    claimToken: string;
    now: string;
    state: 'failed' | 'held' | 'queued';
    retryable: boolean;
    runAfter: number;
    code: string;
    message: string;
    inDoubt: boolean;
    attempt: AttemptWrite;
  },
): Promise<boolean> {
  const results = await runBatch(db, [
    attemptInsert(a.jobId, a.claimToken, a.attempt),
    sql`
      UPDATE jobs SET state = ${a.state}, retryable = ${a.retryable ? 1 : 0}, run_after = ${a.runAfter},
                      last_code = ${a.code}, last_message = ${a.message}, in_doubt = ${a.inDoubt ? 1 : 0},
                      lease_until = NULL, claim_token = NULL, updated_at = ${a.now}
      WHERE id = ${a.jobId} AND claim_token = ${a.claimToken} AND state = 'sending'`,
  ]);
  return changes(results[1]) === 1;
}

/** The target found a reference QuickBooks does not have: wait for it like the planner would. */
export async function recordWaiting(
  db: Db,
  a: { jobId: number; claimToken: string; now: string; message: string; dependencies: [string, string][]; attempt: AttemptWrite },
): Promise<boolean> {
  const deps = JSON.stringify(a.dependencies);
  const results = await runBatch(db, [
    attemptInsert(a.jobId, a.claimToken, a.attempt),
    sql`
      INSERT INTO job_dependencies (job_id, company_id, target, kind, source_id)
      SELECT j.id, j.company_id, j.target, d.value ->> '$[0]', d.value ->> '$[1]'
      FROM jobs j, json_each(${deps}) d
      WHERE j.id = ${a.jobId} AND j.claim_token = ${a.claimToken} AND j.state = 'sending'`,
    sql`
      UPDATE jobs SET state = 'waiting', last_code = 'WAITING_FOR_DEPENDENCY', last_message = ${a.message},
                      lease_until = NULL, claim_token = NULL, updated_at = ${a.now}
      WHERE id = ${a.jobId} AND claim_token = ${a.claimToken} AND state = 'sending'`,
  ]);
  return changes(results[2]) === 1;
}

/**
 * Returns `sending` jobs whose lease ran out to `queued`, flagged in doubt: the send may have
 * reached QuickBooks, so the target must look before it sends again.
 */
export async function sweepExpiredLeases(db: Db, a: { nowMs: number; now: string }): Promise<number> {
  const results = await runBatch(db, [
    sql`
      INSERT INTO job_attempts (job_id, company_id, attempt, started_at, finished_at, outcome, code, message)
      SELECT id, company_id, attempts, updated_at, ${a.now}, 'abandoned', 'LEASE_EXPIRED', 'No answer before the lease ran out.'
      FROM jobs WHERE state = 'sending' AND lease_until < ${a.nowMs}`,
    sql`
      UPDATE jobs SET state = 'queued', in_doubt = 1, lease_until = NULL, claim_token = NULL, updated_at = ${a.now},
                      last_code = 'LEASE_EXPIRED',
                      last_message = 'The last send got no answer in time; QuickBooks will be checked for it before it is sent again.'
      WHERE state = 'sending' AND lease_until < ${a.nowMs}`,
  ]);
  return changes(results[1]);
}

/**
 * Returns every job of one company and target still marked `sending` to the queue, in doubt and
 * due now: for a target that knows no one else can hold a claim any more (a new Web Connector
 * session starts only after the previous one is over).
 */
export async function releaseClaims(db: Db, a: { companyId: string; target: string; now: string; message: string }): Promise<number> {
  const results = await runBatch(db, [
    sql`
      INSERT INTO job_attempts (job_id, company_id, attempt, started_at, finished_at, outcome, code, message)
      SELECT id, company_id, attempts, updated_at, ${a.now}, 'abandoned', 'CLAIM_ORPHANED', ${a.message}
      FROM jobs WHERE company_id = ${a.companyId} AND target = ${a.target} AND state = 'sending'`,
    sql`
      UPDATE jobs SET state = 'queued', in_doubt = 1, run_after = 0, lease_until = NULL, claim_token = NULL, updated_at = ${a.now},
                      last_code = 'CLAIM_ORPHANED', last_message = ${a.message}
      WHERE company_id = ${a.companyId} AND target = ${a.target} AND state = 'sending'`,
  ]);
  return changes(results[1]);
}
