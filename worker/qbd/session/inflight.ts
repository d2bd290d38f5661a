import type { Db } from '../../db/client';
import { makeInDoubtJobsDue, recordOutcome, type ClaimedJob } from '../../queue';
import type { QbRequest, RequestPurpose } from '../qbxml/types';

/** What a session holds between calls: claimed jobs, the requests QuickBooks is answering, follow-ups. */
export interface Inflight {
  jobs: Record<string, ClaimedJob>;
  sent: { requestId: string; jobId: number; purpose: RequestPurpose; uses?: QbRequest['uses'] }[];
  carry: { jobId: number; purpose: RequestPurpose }[];
  /** Re-reads per job this session, so a record edited in QuickBooks in a loop cannot spin forever. */
  rereads: Record<string, number>;
  /** What happened on the way (e.g. re-added after a delete in QuickBooks), told in the job's final outcome. */
  notes: Record<string, string>;
  /** Reconciliation report dates whose queries are in the last message (requestIDs `rpt.…`, not jobs). */
  reports: { asOf: string; yearStart: string }[];
}

export const emptyInflight = (): Inflight => ({ jobs: {}, sent: [], carry: [], rereads: {}, notes: {}, reports: [] });

export function readInflight(json: string): Inflight {
  try {
    // Sessions saved before a field existed lack it: the empty value stands in.
    return { ...emptyInflight(), ...(JSON.parse(json) as Partial<Inflight>) };
  } catch {
    return emptyInflight();
  }
}

/**
 * Every job still claimed by a session that ends without answers goes back to the queue in
 * doubt: the next session asks QuickBooks whether it arrived before sending it again.
 */
export async function settleInDoubt(ctx: { db: Db; now: Date }, companyId: string, inflight: Inflight, message: string): Promise<number> {
  const jobs = Object.values(inflight.jobs);
  await Promise.all(jobs.map((job) => recordOutcome({ ctx, job, outcome: { kind: 'unknown', code: 'QBWC_ANSWER_LOST', message } })));
  // In-doubt Desktop jobs are settled by a read (a query in the next message), so they need not
  // wait out the retry backoff.
  await makeInDoubtJobsDue({ ctx, companyId, target: 'qbd', jobIds: jobs.map((j) => j.id) });
  return jobs.length;
}
