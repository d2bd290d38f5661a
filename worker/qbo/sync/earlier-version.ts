import { deleteCreditApplication, saveCreditApplication } from '../../db/qbo-credit-applications';
import { recordKindSpecs } from '../../ledger';
import { recordStep, type Exchange } from '../../queue';
import type { QboError } from '../api/fault';
import { now, record, type PlannedJob, type SendCtx } from './context';
import { refundLinkEarlierAnswered } from './refund-link';

/**
 * The earlier version's send is settled: this job's own write follows in the next round, knowing
 * what QBO holds (`sendRequest` then forgets the earlier request with the rest of the batch).
 */
async function settled(ctx: SendCtx, pj: PlannedJob, message: string, exchange: Exchange, mapping: { qbId: string; qbLock: string | null; version: number } | null) {
  const { job } = pj;
  const ok = await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job, label: 'step', message, mapping, exchange });
  if (ok) ctx.followUps.push(mapping ? { ...job, existing: { qbId: mapping.qbId, qbLock: mapping.qbLock } } : job);
}

/**
 * QBO replayed the answer an earlier version's send got (that job was superseded while in doubt,
 * this one inherited the doubt): the record is there as that version — or, for a credit memo's
 * application, the payment is — and this version goes as a change to it.
 */
export async function earlierAnswered(ctx: SendCtx, pj: PlannedJob, entity: Record<string, any> | undefined, exchange: Exchange): Promise<void> {
  const { job, plan } = pj;
  const earlier = plan.earlier!;
  const what = `The send of version ${earlier.version}, which got no answer,`;
  if (plan.step && job.kind === 'refund') {
    const did = await refundLinkEarlierAnswered(ctx, pj, entity);
    return settled(ctx, pj, `${what} ${did} in QuickBooks Online; version ${job.version} follows.`, exchange, null);
  }
  if (plan.step) {
    // An earlier version's application: recorded as not matching anything, so it is replaced.
    const paymentQbId = String(plan.operation === 'delete' ? plan.body.Id : entity?.Id);
    const base = { companyId: ctx.companyId, memoSourceId: job.sourceId, paymentQbId, jobId: job.id, claimToken: job.claimToken };
    if (plan.operation === 'delete') await deleteCreditApplication(ctx.db, base);
    else await saveCreditApplication(ctx.db, { ...base, memoVersion: earlier.version, syncToken: entity?.SyncToken ?? null, signature: '', now: now(ctx).toISOString() });
    const did = plan.operation === 'delete' ? `had removed the credit memo's application (payment ${paymentQbId})` : `had applied the credit memo (payment ${paymentQbId})`;
    return settled(ctx, pj, `${what} ${did} in QuickBooks Online; version ${job.version} follows.`, exchange, null);
  }
  if (!entity?.Id) {
    return record(ctx, job, { kind: 'unknown', code: 'QBO_NO_ENTITY', message: "QuickBooks answered the earlier version's send without the entity; it is checked again" }, exchange);
  }
  const label = recordKindSpecs[job.kind].label;
  const message = `${what} had reached QuickBooks Online (${plan.entity} ${entity.Id}); version ${job.version} of this ${label} follows as a change to it.`;
  return settled(ctx, pj, message, exchange, { qbId: String(entity.Id), qbLock: entity.SyncToken ?? null, version: earlier.version });
}

/** QBO replayed a refusal: the earlier version's send changed nothing, so this version goes as planned. */
export async function earlierRefused(ctx: SendCtx, pj: PlannedJob, e: QboError, exchange: Exchange): Promise<void> {
  const message = `The send of version ${pj.plan.earlier!.version}, which got no answer, had been refused by QuickBooks Online (${e.code}: ${e.message}), so it changed nothing; version ${pj.job.version} follows.`;
  return settled(ctx, pj, message, exchange, null);
}
