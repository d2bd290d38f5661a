import type { Db } from '../db/client';
import { sweepExpiredLeases } from '../db/jobs-outcome';

/** Returns abandoned sends to the queue, in doubt (see DESIGN rule 6); run by every cron tick. */
export async function sweepAbandonedJobs({ ctx }: { ctx: { db: Db; now: Date } }): Promise<number> {
  return sweepExpiredLeases(ctx.db, { nowMs: ctx.now.getTime(), now: ctx.now.toISOString() });
}
