import { decodeCursor, encodeCursor } from '../../shared/cursor';
import type { Db } from '../../db/client';
import { markCreditApplicationDrifted } from '../../db/qbo-credit-applications';
import { markRefundLinkDrifted } from '../../db/qbo-refund-links';
import { adoptNewerQbLock, findDrift, listDriftRows, resolveRecordDrift, type DriftRow } from '../../db/qbo-drift';
import type { RecordKind } from '../../db/schema/enums';
import type { DriftStatus } from '../../db/schema/qbo-drift';
import { resendRecord } from '../../queue';
import { notFound, ServiceError } from '../../shared/errors';

type Ctx = { db: Db; now: Date };

export function driftView(d: DriftRow) {
  return {
    id: d.id,
    record: { kind: d.kind, id: d.sourceId },
    qbEntity: d.qbEntity,
    qbId: d.qbId,
    qbSyncToken: d.qbSyncToken,
    deleted: d.deleted,
    diff: JSON.parse(d.diff) as { field: string; sharper: unknown; quickbooks: unknown }[],
    source: d.source,
    status: d.status,
    detectedAt: d.detectedAt,
    resolvedAt: d.resolvedAt,
    resolution: d.resolution,
  };
}
export type DriftView = ReturnType<typeof driftView>;


/** Drift entries newest first, cursor-paged; filtered by status, record kind or Sharper id. */
export async function listDrift({ ctx, companyId, filter }: { ctx: { db: Db }; companyId: string; filter: { status?: DriftStatus[]; kind?: RecordKind; sourceId?: string; cursor?: string; limit: number } }) {
  const rows = await listDriftRows(ctx.db, companyId, { ...filter, beforeId: filter.cursor ? decodeCursor('d', filter.cursor) : undefined, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return { drift: page.map(driftView), nextCursor: rows.length > filter.limit ? encodeCursor('d', page[page.length - 1].id) : null };
}

async function openDrift(ctx: Ctx, companyId: string, driftId: number): Promise<DriftRow> {
  const d = await findDrift(ctx.db, companyId, driftId);
  if (!d) throw notFound(`Drift entry ${driftId}`);
  if (d.status !== 'open') throw new ServiceError('CONFLICT', `Drift entry ${driftId} is already ${d.status}${d.resolution ? `: ${d.resolution}` : ''}`);
  return d;
}

/**
 * "Sharper wins": queues the record's current version to be sent again. An entity deleted in QBO
 * is created anew (its QBO id is forgotten); an edited one gets a sparse update with the SyncToken
 * QBO showed. Closes every open entry of the record.
 */
export async function restoreDrift({ ctx, companyId, driftId }: { ctx: Ctx; companyId: string; driftId: number }) {
  const d = await openDrift(ctx, companyId, driftId);
  // A credit memo's drift may be in the Payment that applies it: the memo keeps its QBO id, and
  // the memo's job deletes what QBO holds (unless already gone) and applies Sharper's version.
  const application = d.kind === 'credit_memo' && d.qbEntity === 'Payment';
  // Likewise a refund's link to the credit memo it pays out: the refund's job links it again.
  const link = d.kind === 'refund' && d.qbEntity === 'Payment';
  if (link) {
    await markRefundLinkDrifted(ctx.db, { companyId, refundSourceId: d.sourceId, linkQbId: d.qbId, deleted: d.qbSyncToken === 'deleted', syncToken: d.qbSyncToken, now: ctx.now.toISOString() });
  } else if (application) {
    const gone = d.qbSyncToken === 'deleted';
    await markCreditApplicationDrifted(ctx.db, { companyId, memoSourceId: d.sourceId, paymentQbId: d.qbId, deleted: gone, syncToken: d.qbSyncToken, now: ctx.now.toISOString() });
  } else if (!d.deleted) await adoptNewerQbLock(ctx.db, { companyId, kind: d.kind, sourceId: d.sourceId, lock: d.qbSyncToken });
  const job = await resendRecord({
    ctx,
    companyId,
    target: 'qbo',
    kind: d.kind,
    sourceId: d.sourceId,
    reason: link
      ? `link it to the credit memo it pays out again, as Sharper has it (drift #${d.id})`
      : application
      ? `apply it to its invoices again, as Sharper has it (drift #${d.id})`
      : d.deleted
        ? `restore after it was deleted in QuickBooks Online (drift #${d.id})`
        : `restore Sharper's version over an edit made in QuickBooks Online (drift #${d.id})`,
    forgetQuickBooksId: d.deleted && !application && !link,
  });
  const resolution = `Sharper's version ${job.state === 'queued' ? 'queued to be sent again' : `is on its way (${job.state})`} as job #${job.jobId}`;
  const closed = await resolveRecordDrift(ctx.db, { companyId, kind: d.kind, sourceId: d.sourceId, status: 'restored', resolution, now: ctx.now.toISOString() });
  return { drift: driftView((await findDrift(ctx.db, companyId, driftId))!), job, closed };
}

/** The operator accepts QuickBooks' version: the entries are closed and nothing is sent. */
export async function acknowledgeDrift({ ctx, companyId, driftId, note }: { ctx: Ctx; companyId: string; driftId: number; note?: string }) {
  const d = await openDrift(ctx, companyId, driftId);
  const resolution = `Acknowledged; QuickBooks Online keeps its version${note ? `: ${note}` : ''}`;
  const closed = await resolveRecordDrift(ctx.db, { companyId, kind: d.kind, sourceId: d.sourceId, status: 'acknowledged', resolution, now: ctx.now.toISOString() });
  return { drift: driftView((await findDrift(ctx.db, companyId, driftId))!), closed };
}
