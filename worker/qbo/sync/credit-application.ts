import { deleteCreditApplication, saveCreditApplication } from '../../db/qbo-credit-applications';
import type { CreditMemoInput } from '../../ledger';
import { recordStep, type Exchange, type JobOutcome } from '../../queue';
import type { QboError } from '../api/fault';
import { applicationSignature, describeApplications } from '../mappers';
import { AUTH_REJECTED, classifyFault, detailOf } from './faults';
import { resolveMissingReference } from './missing-reference';
import { now, record, type PlannedJob, type SendCtx } from './context';

const memoOf = (pj: PlannedJob) => pj.job.data as CreditMemoInput;

/**
 * The credit memo itself is now in QBO and its application follows: the write goes into the log
 * and the id map (so a job that resumes in a later run updates this memo, never creates another),
 * and the job stays claimed for the next round of this run, which sends the application through
 * the same batch endpoint, limiter and time box as everything else.
 */
export async function continueAfterMemo(ctx: SendCtx, pj: PlannedJob, written: Extract<JobOutcome, { kind: 'synced' }>, exchange: Exchange): Promise<void> {
  const { job } = pj;
  const qbId = written.qbId ?? job.existing?.qbId ?? null;
  if (!qbId) return record(ctx, job, written, exchange);
  const verb = pj.plan.operation === 'create' ? 'Created' : 'Updated';
  const message = `${written.message ? `${written.message}. ` : ''}${verb} in QuickBooks Online as CreditMemo ${qbId}; applying it to ${describeApplications(memoOf(pj))} follows.`;
  const mapping = { qbId, qbLock: written.qbLock ?? null };
  if (await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job, label: 'step', message, mapping, exchange })) {
    ctx.written.add(job.id);
    ctx.followUps.push({ ...job, existing: mapping });
  }
}

/** The application QBO held is gone (deleted by us, or already): forget it and take the next step. */
async function unapplied(ctx: SendCtx, pj: PlannedJob, how: string, exchange: Exchange): Promise<void> {
  const { job } = pj;
  const paymentQbId = String(pj.plan.body.Id);
  await deleteCreditApplication(ctx.db, { companyId: ctx.companyId, memoSourceId: job.sourceId, paymentQbId, jobId: job.id, claimToken: job.claimToken });
  const why = job.action === 'delete' ? 'before deleting the credit memo' : 'before changing the credit memo';
  const message = `Its earlier application to invoices (QuickBooks payment ${paymentQbId}) ${how} ${why}.`;
  if (await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job, label: 'step', message, exchange })) ctx.followUps.push(job);
}

/** A credit memo application write (its Payment deleted or created) answered with the entity. */
export async function applicationAnswered(ctx: SendCtx, pj: PlannedJob, payment: Record<string, any> | undefined, exchange: Exchange): Promise<void> {
  if (pj.plan.step === 'unapply') return unapplied(ctx, pj, 'was removed from QuickBooks Online', exchange);
  const { job } = pj;
  const d = memoOf(pj);
  const paymentQbId = String(payment?.Id);
  await saveCreditApplication(ctx.db, {
    companyId: ctx.companyId,
    memoSourceId: job.sourceId,
    memoVersion: job.version,
    paymentQbId,
    syncToken: payment?.SyncToken ?? null,
    signature: applicationSignature(d) ?? '',
    now: now(ctx).toISOString(),
    jobId: job.id,
    claimToken: job.claimToken,
  });
  const memoQbId = job.existing?.qbId ?? null;
  const message = `Applied to ${describeApplications(d)} in QuickBooks Online: payment ${paymentQbId} (amount 0.00) links them with CreditMemo ${memoQbId}.`;
  return record(ctx, job, { kind: 'synced', qbId: memoQbId, message }, exchange);
}

/** What a fault on a credit memo application write means for the accountant. */
export async function applicationFault(ctx: SendCtx, pj: PlannedJob, e: QboError, exchange: Exchange): Promise<void> {
  const { job } = pj;
  const d = memoOf(pj);
  const action = classifyFault(e, { ...job, docNumber: null }, 'Payment');
  if (action.reason === 'auth') {
    ctx.connectionLost = true;
    return record(ctx, job, AUTH_REJECTED, exchange);
  }
  if (pj.plan.step === 'unapply') {
    // Deleting a payment that is no longer there: what was wanted is already the case.
    if (e.code === '610') return unapplied(ctx, pj, 'was already gone from QuickBooks Online', exchange);
    const what = `Could not remove credit memo ${d.docNumber}'s earlier application to invoices (QuickBooks payment ${String(pj.plan.body.Id)}) ${job.action === 'delete' ? 'before deleting the memo' : 'before changing the memo'}`;
    if (action.reason === 'stale_sync_token') {
      return record(ctx, job, { kind: 'failed', code: 'QBO_5010', message: `${what}: the payment was changed in QuickBooks meanwhile (${detailOf(e)}). Look at it in QuickBooks, delete it there if it is wrong, then requeue.`, retryable: false }, exchange);
    }
    return record(ctx, job, withPrefix(action.reason === 'outcome' ? action.outcome : failedWith(e), what), exchange);
  }
  const memo = `Credit memo ${d.docNumber} is in QuickBooks Online (CreditMemo ${job.existing?.qbId ?? '?'})`;
  if (action.reason === 'outcome' && action.outcome.kind === 'held' && action.outcome.code === 'INVALID_REFERENCE') {
    return record(ctx, job, await resolveMissingReference(ctx, pj, e, withPrefix(action.outcome, `${memo}, but applying it to ${describeApplications(d)}`)), exchange);
  }
  if (e.code === '6000' || e.code === '620') {
    return record(
      ctx,
      job,
      {
        kind: 'held',
        code: 'CREDIT_NOT_APPLIED',
        message:
          `${memo}, but QuickBooks refused to apply it to ${describeApplications(d)}: ${detailOf(e)}. ` +
          `Usually an invoice has less left to pay in QuickBooks than this credit (it was paid or credited meanwhile, in Sharper or in QuickBooks), or belongs to another customer there. ` +
          `Until it is applied the credit stays open on the customer's account in QuickBooks (the customer's balance is right, the invoice still shows open). ` +
          `Correct the memo's applications in Sharper, or unapply what pays that invoice in QuickBooks, then requeue.`,
      },
      exchange,
    );
  }
  return record(ctx, job, withPrefix(action.reason === 'outcome' ? action.outcome : failedWith(e), `${memo}, but applying it to ${describeApplications(d)} failed`), exchange);
}

const failedWith = (e: QboError): JobOutcome => ({ kind: 'failed', code: `QBO_${e.code || 'ERROR'}`, message: `QuickBooks Online refused it (${e.code}): ${detailOf(e)}`, retryable: false });

function withPrefix(outcome: JobOutcome, prefix: string): JobOutcome {
  if (outcome.kind === 'failed' || outcome.kind === 'held' || outcome.kind === 'unknown') return { ...outcome, message: `${prefix}: ${outcome.message}` };
  return outcome;
}
