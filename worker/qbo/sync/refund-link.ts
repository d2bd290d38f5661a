import type { Db } from '../../db/client';
import { refreshQbLocks } from '../../db/qbo-drift';
import { deleteRefundLink, findRefundLinks, findRefundLinksOfPayments, refreshRefundLinkTokens, saveRefundLink, type RefundLinkRow } from '../../db/qbo-refund-links';
import { findSyncedVersions } from '../../db/record-versions';
import type { RecordKind } from '../../db/schema/enums';
import { formatCents, recordKindSpecs, type RefundInput } from '../../ledger';
import { lookupQuickBooksIds, recordKey, recordStep, type ClaimedJob, type Exchange, type JobOutcome } from '../../queue';
import type { QboError } from '../api/fault';
import { describeRefunded, entityBody, refundLinkSignature, RefResolver, type OverpaymentInQbo, type QboSettings, type StoredRefundLink } from '../mappers';
import { AUTH_REJECTED, classifyFault, detailOf } from './faults';
import { now, record, type PlannedJob, type SendCtx } from './context';

const refundOf = (pj: PlannedJob) => pj.job.data as RefundInput;
const label = (d: RefundInput, id: string) => `refund ${d.docNumber ?? id}`;

/** What the run knows of refunds' links: the stored links, and the overpaying Payments as QBO holds them. */
export interface RefundLinkState {
  linked: Map<string, StoredRefundLink>;
  /** The overpayments a refund's link involves, each without that refund's own line. */
  overpaymentsFor: (refundId: string) => Map<string, OverpaymentInQbo>;
}

interface Overpayment {
  qbId: string;
  syncToken: string;
  sourceId: string;
  data: unknown;
  links: RefundLinkRow[];
  lookup: (kind: RecordKind, id: string) => string | undefined;
}

/**
 * Loads the links of the refund jobs among `jobs` and, for refunds of payments, the overpaying
 * Payment as Sharper last sent it (id map + synced version), so a link is a full update of it.
 */
export async function loadRefundLinks(ctx: { db: Db; companyId: string; settings: QboSettings }, jobs: Pick<ClaimedJob, 'kind' | 'sourceId' | 'data' | 'action'>[]): Promise<RefundLinkState> {
  const refunds = jobs.filter((j) => j.kind === 'refund');
  const rows = await findRefundLinks(ctx.db, ctx.companyId, refunds.map((j) => j.sourceId));
  const paymentIds = new Set<string>();
  for (const j of refunds) {
    const d = j.data as RefundInput | null;
    if (d?.of?.kind === 'payment') paymentIds.add(d.of.id);
    const row = rows.get(j.sourceId);
    if (row?.ofKind === 'payment') paymentIds.add(row.ofSourceId);
  }
  const payments = paymentIds.size ? await loadOverpayments(ctx, [...paymentIds]) : new Map<string, Overpayment>();
  const cache = new Map<string, Map<string, OverpaymentInQbo>>();
  return {
    linked: rows,
    overpaymentsFor: (refundId) => {
      if (!cache.has(refundId)) {
        const out = new Map<string, OverpaymentInQbo>();
        for (const p of payments.values()) {
          const others = p.links.filter((l) => l.refundSourceId !== refundId);
          const body = entityBody({ kind: 'payment', sourceId: p.sourceId, data: p.data }, new RefResolver(p.lookup), ctx.settings, { refundLinks: others });
          out.set(p.sourceId, { qbId: p.qbId, syncToken: p.syncToken, body });
        }
        cache.set(refundId, out);
      }
      return cache.get(refundId)!;
    },
  };
}

async function loadOverpayments(ctx: { db: Db; companyId: string; settings: QboSettings }, ids: string[]) {
  const mapped = await lookupQuickBooksIds({ ctx, companyId: ctx.companyId, target: 'qbo', records: ids.map((id) => ({ kind: 'payment' as const, id })) });
  const keys = ids.flatMap((id) => {
    const m = mapped.get(recordKey('payment', id));
    return m ? [['payment', id, m.syncedVersion] as [RecordKind, string, number]] : [];
  });
  const versions = (await findSyncedVersions(ctx.db, ctx.companyId, keys)).filter((v) => v.status === 'active');
  const refs = versions.flatMap((v) => recordKindSpecs.payment.references(JSON.parse(v.data)).map((r) => ({ kind: r.kind, id: r.id })));
  if (ctx.settings.undepositedFundsAccount) refs.push({ kind: 'account', id: ctx.settings.undepositedFundsAccount });
  const qbIds = await lookupQuickBooksIds({ ctx, companyId: ctx.companyId, target: 'qbo', records: refs });
  const lookup = (kind: RecordKind, id: string) => qbIds.get(recordKey(kind, id))?.qbId;
  const links = await findRefundLinksOfPayments(ctx.db, ctx.companyId, versions.map((v) => v.sourceId));
  const out = new Map<string, Overpayment>();
  for (const v of versions) {
    const m = mapped.get(recordKey('payment', v.sourceId))!;
    out.set(v.sourceId, { qbId: m.qbId, syncToken: m.qbLock ?? '0', sourceId: v.sourceId, data: JSON.parse(v.data), links: links.get(v.sourceId) ?? [], lookup });
  }
  return out;
}

/**
 * The refund's journal entry is now in QBO and its link follows: the write goes into the log and
 * the id map (a job that resumes later updates this journal entry, never creates another), and the
 * job stays claimed for the next round, which sends the link through /batch like everything else.
 */
export async function continueAfterJournalEntry(ctx: SendCtx, pj: PlannedJob, written: Extract<JobOutcome, { kind: 'synced' }>, exchange: Exchange): Promise<void> {
  const { job } = pj;
  const qbId = written.qbId ?? job.existing?.qbId ?? null;
  if (!qbId) return record(ctx, job, written, exchange);
  const verb = pj.plan.operation === 'create' ? 'Created' : 'Updated';
  const message = `${written.message ? `${written.message}. ` : ''}${verb} in QuickBooks Online as JournalEntry ${qbId}; linking it to ${describeRefunded(refundOf(pj))} follows.`;
  const mapping = { qbId, qbLock: written.qbLock ?? null };
  if (await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job, label: 'step', message, mapping, exchange })) {
    ctx.written.add(job.id);
    ctx.followUps.push({ ...job, existing: mapping });
  }
}

/** The overpaying Payment got a new SyncToken from our write: Sharper's payment and its links learn it. */
async function paymentWritten(ctx: SendCtx, paymentSourceId: string, plan: PlannedJob['plan'], payment: Record<string, any> | undefined) {
  if (!payment?.SyncToken) return;
  const to = String(payment.SyncToken);
  await refreshQbLocks(ctx.db, ctx.companyId, [{ kind: 'payment', sourceId: paymentSourceId, from: String(plan.body.SyncToken ?? ''), to }]);
  await refreshRefundLinkTokens(ctx.db, { companyId: ctx.companyId, linkQbId: String(payment.Id ?? plan.body.Id), syncToken: to });
}

/** The link QBO held is gone (removed by us, or already): forget it and take the next step. */
async function unlinked(ctx: SendCtx, pj: PlannedJob, how: string, exchange: Exchange, payment?: Record<string, any>): Promise<void> {
  const { job } = pj;
  const row = (await findRefundLinks(ctx.db, ctx.companyId, [job.sourceId])).get(job.sourceId);
  const linkQbId = String(pj.plan.body.Id);
  if (row && row.ofKind === 'payment') await paymentWritten(ctx, row.ofSourceId, pj.plan, payment);
  await deleteRefundLink(ctx.db, { companyId: ctx.companyId, refundSourceId: job.sourceId, linkQbId, jobId: job.id, claimToken: job.claimToken });
  const what = row?.ofKind === 'payment' ? `Its earlier link to payment ${row.ofSourceId} (QuickBooks payment ${linkQbId}, the line settling the journal entry)` : `Its earlier link to the credit memo (QuickBooks payment ${linkQbId})`;
  const why = job.action === 'delete' ? 'before deleting the refund' : 'before changing the refund';
  if (await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job, label: 'step', message: `${what} ${how} ${why}.`, exchange })) ctx.followUps.push(job);
}

/** A refund link write (a Payment deleted, created or updated) answered with the entity. */
export async function refundLinkAnswered(ctx: SendCtx, pj: PlannedJob, payment: Record<string, any> | undefined, exchange: Exchange): Promise<void> {
  if (pj.plan.step === 'unlink') return unlinked(ctx, pj, 'was removed from QuickBooks Online', exchange, payment);
  const { job } = pj;
  const d = refundOf(pj);
  const jeQbId = job.existing?.qbId ?? '';
  const linkQbId = String(payment?.Id ?? pj.plan.body.Id);
  if (d.of.kind === 'payment') await paymentWritten(ctx, d.of.id, pj.plan, payment);
  await saveRefundLink(ctx.db, {
    companyId: ctx.companyId,
    refundSourceId: job.sourceId,
    refundVersion: job.version,
    ofKind: d.of.kind,
    ofSourceId: d.of.id,
    jeQbId,
    linkQbId,
    syncToken: payment?.SyncToken ?? null,
    amount: d.amount,
    signature: refundLinkSignature(d),
    now: now(ctx).toISOString(),
    jobId: job.id,
    claimToken: job.claimToken,
  });
  const how =
    d.of.kind === 'payment'
      ? `payment ${linkQbId} now applies ${formatCents(d.amount)} of its unapplied amount to JournalEntry ${jeQbId}`
      : `payment ${linkQbId} (amount 0.00) links JournalEntry ${jeQbId} with the credit memo for ${formatCents(d.amount)}`;
  return record(ctx, job, { kind: 'synced', qbId: jeQbId || null, message: `Linked to ${describeRefunded(d)} in QuickBooks Online: ${how}, so neither stays open.` }, exchange);
}

/** Whether the overpaying Payment QBO holds already is as the write wanted (its line linking this refund's journal entry present, or gone). */
function alreadyAsWanted(pj: PlannedJob, payment: Record<string, any>): boolean {
  const jeQbId = pj.plan.step === 'link' ? pj.job.existing?.qbId : undefined;
  const links = (Array.isArray(payment.Line) ? payment.Line : []).flatMap((l: any) => (Array.isArray(l.LinkedTxn) ? l.LinkedTxn : []));
  const wantedJe = (pj.plan.body.Line as any[] | undefined)?.flatMap((l) => l.LinkedTxn ?? []).filter((t: any) => t.TxnType === 'JournalEntry').map((t: any) => String(t.TxnId)) ?? [];
  const held = new Set(links.filter((t: any) => t.TxnType === 'JournalEntry').map((t: any) => String(t.TxnId)));
  return wantedJe.length === held.size && wantedJe.every((id) => held.has(id)) && (jeQbId === undefined || held.has(jeQbId));
}

/** What a fault on a refund's link write means for the accountant. */
export async function refundLinkFault(ctx: SendCtx, pj: PlannedJob, e: QboError, exchange: Exchange): Promise<void> {
  const { job } = pj;
  const d = refundOf(pj);
  const action = classifyFault(e, { ...job, docNumber: null }, 'Payment');
  if (action.reason === 'auth') {
    ctx.connectionLost = true;
    return record(ctx, job, AUTH_REJECTED, exchange);
  }
  // An overpayment updated by a send whose answer was lost (or by its own job meanwhile): re-read
  // it; if it already is as this write wanted, that was the answer.
  if (action.reason === 'stale_sync_token' && pj.plan.operation === 'update') {
    const res = await ctx.api.call({ method: 'GET', path: `/payment/${encodeURIComponent(String(pj.plan.body.Id))}`, read: true });
    if (res.kind === 'ok' && res.json.Payment && alreadyAsWanted(pj, res.json.Payment)) return refundLinkAnswered(ctx, pj, res.json.Payment, exchange);
  }
  if (pj.plan.step === 'unlink') {
    // Deleting a payment that is no longer there: what was wanted is already the case.
    if (e.code === '610' && pj.plan.operation === 'delete') return unlinked(ctx, pj, 'was already gone from QuickBooks Online', exchange);
    const what = `Could not remove ${label(d, job.sourceId)}'s earlier link (QuickBooks payment ${String(pj.plan.body.Id)}) ${job.action === 'delete' ? 'before deleting it' : 'before changing it'}`;
    if (action.reason === 'stale_sync_token') {
      return record(ctx, job, { kind: 'failed', code: 'QBO_5010', message: `${what}: the payment was changed in QuickBooks meanwhile (${detailOf(e)}). Look at it in QuickBooks, then requeue.`, retryable: false }, exchange);
    }
    return record(ctx, job, withPrefix(action.reason === 'outcome' ? action.outcome : failedWith(e), what), exchange);
  }
  const je = `${label(d, job.sourceId)} is in QuickBooks Online (JournalEntry ${job.existing?.qbId ?? '?'})`;
  if (e.code === '6000' || e.code === '620' || e.code === '610' || action.reason === 'stale_sync_token') {
    return record(
      ctx,
      job,
      {
        kind: 'held',
        code: 'REFUND_NOT_LINKED',
        message:
          `${je}, but QuickBooks refused to link it to ${describeRefunded(d)}: ${detailOf(e)}. ` +
          `Usually the ${d.of.kind === 'payment' ? "payment's unapplied amount" : "credit memo's remaining credit"} in QuickBooks is less than the refund (it was applied meanwhile), or it was changed or deleted there. ` +
          `Until it is linked both stay open on the customer's account in QuickBooks (the balance is right). Correct it in QuickBooks or Sharper, then requeue.`,
      },
      exchange,
    );
  }
  return record(ctx, job, withPrefix(action.reason === 'outcome' ? action.outcome : failedWith(e), `${je}, but linking it to ${describeRefunded(d)} failed`), exchange);
}

/**
 * An earlier version's link write, replayed to learn what it did: removed, or made (then stored as
 * matching no version, so this version's job removes it and links its own).
 */
export async function refundLinkEarlierAnswered(ctx: SendCtx, pj: PlannedJob, payment: Record<string, any> | undefined): Promise<string> {
  const { job, plan } = pj;
  const d = refundOf(pj);
  const linkQbId = String(plan.operation === 'create' ? payment?.Id : plan.body.Id);
  const base = { companyId: ctx.companyId, refundSourceId: job.sourceId, linkQbId, jobId: job.id, claimToken: job.claimToken };
  if (plan.step === 'unlink') {
    await deleteRefundLink(ctx.db, base);
    return `had removed the refund's link (payment ${linkQbId})`;
  }
  const jeLine = (plan.body.Line as any[] | undefined)?.flatMap((l) => l.LinkedTxn ?? []).find((t: any) => t.TxnType === 'JournalEntry');
  // A create made a zero-amount Payment (a credit memo's link); an update linked an overpayment.
  const ofKind = plan.operation === 'create' ? 'credit_memo' : 'payment';
  // An overpayment this version no longer refunds: not stored, so that payment's next update drops the line.
  if (ofKind === 'payment' && d.of.kind !== 'payment') return `had linked the refund to the overpayment (payment ${linkQbId})`;
  await saveRefundLink(ctx.db, {
    ...base,
    refundVersion: plan.earlier!.version,
    ofKind,
    ofSourceId: ofKind === d.of.kind ? d.of.id : '',
    jeQbId: String(jeLine?.TxnId ?? job.existing?.qbId ?? ''),
    syncToken: payment?.SyncToken ?? null,
    amount: 0,
    signature: '',
    now: now(ctx).toISOString(),
  });
  return `had linked the refund (payment ${linkQbId})`;
}

const failedWith = (e: QboError): JobOutcome => ({ kind: 'failed', code: `QBO_${e.code || 'ERROR'}`, message: `QuickBooks Online refused it (${e.code}): ${detailOf(e)}`, retryable: false });

function withPrefix(outcome: JobOutcome, prefix: string): JobOutcome {
  if (outcome.kind === 'failed' || outcome.kind === 'held' || outcome.kind === 'unknown') return { ...outcome, message: `${prefix}: ${outcome.message}` };
  return outcome;
}
