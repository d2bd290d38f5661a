import type { Db } from '../db/client';
import { claimDependantsInSameClaim, claimReadyJobs, readClaimed, type ClaimedRow } from '../db/jobs-claim';
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

/** Dependency levels deep enough for account → sub-account → item → invoice → payment → refund. */
const MAX_SAME_CLAIM_LEVELS = 6;

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
  withDependants = false,
}: {
  ctx: { db: Db; now: Date };
  companyId: string;
  target: SyncTarget;
  limit: number;
  leaseMs?: number;
  /**
   * Also claim waiting jobs whose missing dependencies are all in this same claim, ordered after
   * them. Only for targets that apply one message in order and can refer to a record created
   * earlier in it by name (QuickBooks Desktop); the others must wait for the id map.
   */
  withDependants?: boolean;
}): Promise<ClaimedJob[]> {
  const nowMs = ctx.now.getTime();
  const claim = { companyId, target, leaseUntil: nowMs + leaseMs, claimToken: randomToken(12), now: ctx.now.toISOString() };
  const first = await claimReadyJobs(ctx.db, { ...claim, limit, nowMs });
  if (!withDependants || first.length === 0 || first.length >= limit) return first.map(toClaimedJob);
  const level = new Map(first.map((r) => [r.id, 0]));
  for (let step = 1, room = limit - first.length; step <= MAX_SAME_CLAIM_LEVELS && room > 0; step++) {
    const ids = await claimDependantsInSameClaim(ctx.db, { ...claim, limit: room });
    if (ids.length === 0) break;
    for (const id of ids) level.set(id, step);
    room -= ids.length;
  }
  const rows = await readClaimed(ctx.db, claim.claimToken);
  // Dependencies strictly before their dependants, whatever their ranks and ids.
  rows.sort((a, b) => level.get(a.id)! - level.get(b.id)! || a.rank - b.rank || a.id - b.id);
  return rows.map(toClaimedJob);
}

function toClaimedJob(r: ClaimedRow): ClaimedJob {
  return {
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
  };
}
