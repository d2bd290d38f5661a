import type { Db } from '../db/client';
import { makeInDoubtDue } from '../db/jobs-due';
import type { SyncTarget } from '../db/schema/enums';

/**
 * Makes in-doubt jobs due at once instead of after the retry backoff, for a target whose check
 * cannot write twice: QuickBooks Desktop asks QuickBooks first, QuickBooks Online replays the
 * stored request with its requestid.
 */
export async function makeInDoubtJobsDue({ ctx, companyId, target, jobIds }: { ctx: { db: Db }; companyId: string; target: SyncTarget; jobIds: number[] }): Promise<void> {
  await makeInDoubtDue(ctx.db, { companyId, target, jobIds });
}
