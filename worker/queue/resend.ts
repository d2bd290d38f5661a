import type { Db } from '../db/client';
import { forgetQuickBooksId, reopenLatestJob } from '../db/jobs-resend';
import type { RecordKind, SyncTarget } from '../db/schema/enums';
import { notFound } from '../shared/errors';

/**
 * Sends a record's current version to QuickBooks again: after drift ("restore Sharper's version")
 * or when QuickBooks no longer has it (`forgetQuickBooksId`: it is then created anew, and jobs
 * that reference it wait for it). A job already on its way is left as it is.
 */
export async function resendRecord({
  ctx,
  companyId,
  target,
  kind,
  sourceId,
  reason,
  forgetQuickBooksId = false,
}: {
  ctx: { db: Db; now: Date };
  companyId: string;
  target: SyncTarget;
  kind: RecordKind;
  sourceId: string;
  reason: string;
  forgetQuickBooksId?: boolean;
}): Promise<{ jobId: number; state: string }> {
  const job = await reopenLatestJob(ctx.db, {
    companyId,
    target,
    kind,
    sourceId,
    now: ctx.now.toISOString(),
    code: 'RESEND',
    message: `Sent again: ${reason}`,
    forgetQuickBooksId,
  });
  if (!job) throw notFound(`No sync job for ${kind} ${sourceId}`, { record: { kind, id: sourceId } });
  return { jobId: job.id, state: job.state };
}

/**
 * QuickBooks says a synced record no longer exists (deleted there): its id is forgotten, so the
 * job adding it again and anything referring to it in the meantime use the new record.
 */
export async function forgetDeletedRecord({
  ctx,
  companyId,
  target,
  kind,
  sourceId,
  qbId,
}: {
  ctx: { db: Db };
  companyId: string;
  target: SyncTarget;
  kind: RecordKind;
  sourceId: string;
  qbId: string;
}): Promise<void> {
  await forgetQuickBooksId(ctx.db, { companyId, target, kind, sourceId, qbId });
}
