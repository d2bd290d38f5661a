import type { Db } from '../db/client';
import { releaseClaims, sweepExpiredLeases } from '../db/jobs-outcome';
import type { SyncTarget } from '../db/schema/enums';

/** Returns abandoned sends to the queue, in doubt (see DESIGN rule 6); run by every cron tick. */
export async function sweepAbandonedJobs({ ctx }: { ctx: { db: Db; now: Date } }): Promise<number> {
  return sweepExpiredLeases(ctx.db, { nowMs: ctx.now.getTime(), now: ctx.now.toISOString() });
}

/**
 * Releases a company's claims that no session can own any more (they go back in doubt, due now):
 * a target calls this when it knows the previous conversation is over.
 */
export async function releaseOrphanedClaims({ ctx, companyId, target, message }: { ctx: { db: Db; now: Date }; companyId: string; target: SyncTarget; message: string }): Promise<number> {
  return releaseClaims(ctx.db, { companyId, target, now: ctx.now.toISOString(), message });
}
