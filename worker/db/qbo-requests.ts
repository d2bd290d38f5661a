import { sql } from 'drizzle-orm';
import { runBatch } from './batch';
import { chunk as chunked } from './chunks';
import type { Db } from './client';

export interface StoredRequest {
  requestId: string;
  path: string;
  body: string;
  /** When it was first sent (a replay keeps the first time): QBO's memory of a requestid is short. */
  createdAt: string;
}

/** Records a write request and its jobs before it is sent, so a lost answer can be replayed exactly. */
export async function saveSentRequest(
  db: Db,
  a: { companyId: string; requestId: string; path: string; body: string; now: string; jobs: { jobId: number; bId: string | null }[] },
): Promise<void> {
  await runBatch(db, [
    sql`INSERT INTO qbo_requests (company_id, request_id, path, body, created_at) VALUES (${a.companyId}, ${a.requestId}, ${a.path}, ${a.body}, ${a.now})
        ON CONFLICT (company_id, request_id) DO NOTHING`,
    ...a.jobs.map(
      (j) => sql`INSERT INTO qbo_request_jobs (company_id, job_id, request_id, b_id) VALUES (${a.companyId}, ${j.jobId}, ${a.requestId}, ${j.bId})
                 ON CONFLICT (company_id, job_id) DO UPDATE SET request_id = excluded.request_id, b_id = excluded.b_id`,
    ),
  ]);
}

/** The requests in-doubt jobs rode in, keyed by job id. */
export async function findSentRequests(db: Db, companyId: string, jobIds: number[]): Promise<Map<number, StoredRequest & { bId: string | null }>> {
  const out = new Map<number, StoredRequest & { bId: string | null }>();
  for (const ids of chunked(jobIds, 90)) {
    const rows = await db.all<{ job_id: number; b_id: string | null; request_id: string; path: string; body: string; created_at: string }>(sql`
      SELECT j.job_id, j.b_id, r.request_id, r.path, r.body, r.created_at FROM qbo_request_jobs j
      JOIN qbo_requests r ON r.company_id = j.company_id AND r.request_id = j.request_id
      WHERE j.company_id = ${companyId} AND j.job_id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
    for (const r of rows) out.set(Number(r.job_id), { requestId: r.request_id, path: r.path, body: r.body, createdAt: r.created_at, bId: r.b_id });
  }
  return out;
}

/**
 * For in-doubt jobs that never rode in a request themselves: the request of the newest earlier
 * version of the same record that was superseded while in doubt (the newer version inherited its
 * doubt). Replaying it tells what that send did, before this version goes.
 */
export async function findEarlierSentRequests(
  db: Db,
  companyId: string,
  jobIds: number[],
): Promise<Map<number, StoredRequest & { bId: string | null; earlierJobId: number; earlierVersion: number }>> {
  const out = new Map<number, StoredRequest & { bId: string | null; earlierJobId: number; earlierVersion: number }>();
  for (const ids of chunked(jobIds, 90)) {
    const rows = await db.all<{ job_id: number; earlier_job_id: number; earlier_version: number; b_id: string | null; request_id: string; path: string; body: string; created_at: string }>(sql`
      SELECT n.id AS job_id, o.id AS earlier_job_id, o.version AS earlier_version, rj.b_id, r.request_id, r.path, r.body, r.created_at
      FROM jobs n
      JOIN jobs o ON o.company_id = n.company_id AND o.target = n.target AND o.record_kind = n.record_kind
        AND o.source_id = n.source_id AND o.version < n.version AND o.state = 'superseded' AND o.in_doubt = 1
      JOIN qbo_request_jobs rj ON rj.company_id = o.company_id AND rj.job_id = o.id
      JOIN qbo_requests r ON r.company_id = rj.company_id AND r.request_id = rj.request_id
      WHERE n.company_id = ${companyId} AND n.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
      ORDER BY o.version`);
    // Ordered by version: the newest earlier send wins.
    for (const r of rows) {
      out.set(Number(r.job_id), { requestId: r.request_id, path: r.path, body: r.body, createdAt: r.created_at, bId: r.b_id, earlierJobId: Number(r.earlier_job_id), earlierVersion: Number(r.earlier_version) });
    }
  }
  return out;
}

/**
 * Forgets these jobs' requests once their answers are recorded. A request stays while another
 * job rode in it and still needs it: a replay may answer only the in-doubt jobs one claim got,
 * and the others replay the same stored request later.
 */
export async function forgetSentRequests(db: Db, companyId: string, jobIds: number[]): Promise<void> {
  for (const ids of chunked(jobIds, 90)) {
    const list = sql.join(ids.map((i) => sql`${i}`), sql`, `);
    await runBatch(db, [
      sql`DELETE FROM qbo_requests WHERE company_id = ${companyId} AND request_id IN
            (SELECT request_id FROM qbo_request_jobs WHERE company_id = ${companyId} AND job_id IN (${list}))
          AND NOT EXISTS (SELECT 1 FROM qbo_request_jobs o WHERE o.company_id = qbo_requests.company_id
                            AND o.request_id = qbo_requests.request_id AND o.job_id NOT IN (${list}))`,
      sql`DELETE FROM qbo_request_jobs WHERE company_id = ${companyId} AND job_id IN (${list})`,
    ]);
  }
}

/**
 * Hands claimed jobs that were never sent (throttled, out of time, no connection) back to the
 * queue as they were, without counting an attempt or marking them in doubt.
 */
export async function releaseUnsentJobs(db: Db, a: { companyId: string; claims: { id: number; claimToken: string }[]; now: string; code: string; message: string }): Promise<void> {
  if (a.claims.length === 0) return;
  await runBatch(
    db,
    a.claims.map(
      (c) => sql`UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), lease_until = NULL, claim_token = NULL,
                   last_code = ${a.code}, last_message = ${a.message}, updated_at = ${a.now}
                 WHERE id = ${c.id} AND company_id = ${a.companyId} AND claim_token = ${c.claimToken} AND state = 'sending'`,
    ),
  );
}

/** Companies with QBO jobs that a claim would pick now. */
export async function companiesWithReadyQboJobs(db: Db, nowMs: number): Promise<Set<string>> {
  const rows = await db.all<{ company_id: string }>(sql`
    SELECT DISTINCT company_id FROM jobs
    WHERE target = 'qbo' AND (state = 'queued' OR (state = 'failed' AND retryable = 1)) AND run_after <= ${nowMs}`);
  return new Set(rows.map((r) => r.company_id));
}
