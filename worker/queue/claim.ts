import type { Db } from '../db/client';
import { claimReadyJobs } from '../db/jobs-claim';
import type { JobAction, JobType, RecordKind, SyncTarget } from '../db/schema/enums';
import { randomToken } from '../shared/canonical';

/** A job handed to a target path: everything it needs to build and later report one request. */
export interface ClaimedJob {
  id: number;
  claimToken: string;
  jobType: JobType;
  kind: RecordKind;
  sourceId: string;
  version: number;
  action: JobAction;
  attempt: number;
  /** The last send may have reached QuickBooks: look it up before sending again. */
  inDoubt: boolean;
  docNumber: string | null;
  /** The record as Sharper sent this version (money in integer cents). */
  data: unknown;
  /** Where the record already is in QuickBooks, if anywhere (decides Add vs Mod). */
  existing: { qbId: string; qbLock: string | null } | null;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Claims up to `limit` ready jobs for one company and target, in dependency order
 * (accounts, terms and tax items, then customers and items, invoices, payments, refunds).
 */
export async function claimJobs({
  ctx,
  companyId,
  target,
  limit,
  leaseMs = DEFAULT_LEASE_MS,
}: {
  ctx: { db: Db; now: Date };
  companyId: string;
  target: SyncTarget;
  limit: number;
  leaseMs?: number;
}): Promise<ClaimedJob[]> {
  const nowMs = ctx.now.getTime();
  const rows = await claimReadyJobs(ctx.db, {
    companyId,
    target,
    limit,
    nowMs,
    leaseUntil: nowMs + leaseMs,
    claimToken: randomToken(12),
    now: ctx.now.toISOString(),
  });
  return rows.map((r) => ({
    id: r.id,
    claimToken: r.claimToken,
    jobType: r.jobType,
    kind: r.recordKind,
    sourceId: r.sourceId,
    version: r.version,
    action: r.action,
    attempt: r.attempts,
    inDoubt: r.inDoubt,
    docNumber: r.docNumber,
    data: JSON.parse(r.data),
    existing: r.mappedQbId ? { qbId: r.mappedQbId, qbLock: r.mappedQbLock } : null,
  }));
}
