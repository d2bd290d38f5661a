import type { Db } from '../db/client';
import { makeInDoubtDue } from '../db/jobs-due';
import type { SyncTarget } from '../db/schema/enums';

/**
 * Makes in-doubt jobs due at once instead of after the retry backoff, for a target that settles
 * doubt by reading (QuickBooks Desktop asks QuickBooks first) rather than by re-sending.
 */
export async function makeInDoubtJobsDue({ ctx, companyId, target, jobIds }: { ctx: { db: Db }; companyId: string; target: SyncTarget; jobIds: number[] }): Promise<void> {
  await makeInDoubtDue(ctx.db, { companyId, target, jobIds });
}
