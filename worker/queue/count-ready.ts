import type { Db } from '../db/client';
import { countOpenJobs } from '../db/jobs-due';
import type { SyncTarget } from '../db/schema/enums';

/**
 * How much work a target can still take now: `ready` jobs (claimable), and `dependants` (waiting
 * only for records whose own jobs are on their way; `claimJobs({withDependants})` takes those
 * along). A progress figure, not a claim: it may change as soon as it is read.
 */
export async function countReadyJobs({ ctx, companyId, target }: { ctx: { db: Db; now: Date }; companyId: string; target: SyncTarget }): Promise<{ ready: number; dependants: number }> {
  return countOpenJobs(ctx.db, { companyId, target, nowMs: ctx.now.getTime() });
}
