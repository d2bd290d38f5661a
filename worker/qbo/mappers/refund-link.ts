import type { RefundLinkRow } from '../../db/qbo-refund-links';
import type { ClaimedJob } from '../../queue';
import { formatCents, type RefundInput } from '../../ledger';
import { err, ok, type Result } from '../../shared/result';
import { amount, RefResolver, sharperNote, type MissingRef } from './common';

/** A refund's link as stored (`qbo_refund_links`), as the planner needs it. */
export type StoredRefundLink = Omit<RefundLinkRow, 'refundSourceId'>;

/**
 * An overpaying Payment as Sharper last sent it, ready for a full update: its QBO Id and SyncToken
 * and its body (create form) with the lines linking the refunds of it QBO already holds, except
 * the one being planned.
 */
export interface OverpaymentInQbo {
  qbId: string;
  syncToken: string;
  body: Record<string, unknown> & { Line?: unknown[] };
}

/** A Payment line that links a refund's journal entry: applies the payment's credit to it. */
export const refundLinkLine = (l: { jeQbId: string; amount: number }) => ({ Amount: amount(l.amount), LinkedTxn: [{ TxnId: l.jeQbId, TxnType: 'JournalEntry' }] });

/** A payment body with the lines linking the refunds of it QBO holds (so an update never drops them). */
export function withRefundLinks<T extends Record<string, unknown>>(body: T, links: { jeQbId: string; amount: number }[] | undefined): T {
  if (!links || links.length === 0) return body;
  const lines = Array.isArray(body.Line) ? body.Line : [];
  return { ...body, Line: [...lines, ...links.map(refundLinkLine)] };
}

/** What a refund version links, comparing equal when nothing the link depends on changed. */
export function refundLinkSignature(d: Pick<RefundInput, 'customer' | 'date' | 'of' | 'amount'>): string {
  return JSON.stringify({ of: [d.of.kind, d.of.id], customer: d.customer, date: d.date, amount: d.amount });
}

/** "credit memo CM-1" / "payment P-7": what a refund pays out, for the sync log. */
export const describeRefunded = (d: Pick<RefundInput, 'of'>) => `${d.of.kind === 'credit_memo' ? 'credit memo' : 'payment'} ${d.of.id}`;

/**
 * The zero-amount Payment that links a refund's journal entry to the credit memo it pays out:
 * one line applies the memo's credit, one settles the journal entry's A/R charge, for the refund's
 * amount, so neither stays open and the customer's balance does not move.
 */
function mapRefundLinkPayment(id: string, d: RefundInput, jeQbId: string, memoQbId: string, refs: RefResolver) {
  return {
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    TotalAmt: 0,
    TxnDate: d.date,
    // The marker names the refund: one link per refund, so a second would be a duplicate.
    PrivateNote: sharperNote('refund', id, `Links refund ${d.docNumber ?? id} (${formatCents(d.amount)}) to credit memo ${d.of.id}`),
    Line: [refundLinkLine({ jeQbId, amount: d.amount }), { Amount: amount(d.amount), LinkedTxn: [{ TxnId: memoQbId, TxnType: 'CreditMemo' }] }],
  };
}

/** The next write a refund job needs besides its journal entry (which `planWrite` plans). */
export type RefundStep =
  /** Remove the link QBO holds (it no longer matches, or the refund goes): delete its Payment, or update the overpayment without it. */
  | { step: 'unlink'; operation: 'delete' | 'update'; body: Record<string, unknown> }
  /** Link this version's journal entry: create the Payment, or update the overpayment with it. */
  | { step: 'link'; operation: 'create' | 'update'; body: Record<string, unknown> }
  /** Write the journal entry; `thenLink` when its link must follow. */
  | { step: 'je'; thenLink: boolean }
  /** QBO already holds this version and its link. */
  | { step: 'done' };

/** Whether writing this refund version's journal entry is to be followed by its link (none in QBO yet). */
export function needsRefundLink(job: Pick<ClaimedJob, 'action'>, linked: StoredRefundLink | undefined): boolean {
  return job.action === 'upsert' && !linked;
}

/**
 * Decides a refund job's next write from the link QBO holds, whether the journal entry was written
 * earlier in this claim (`jeWritten`), and the overpaying Payments involved (by Sharper id). A link
 * that must change is removed before the journal entry changes (QBO refuses to delete, and may
 * refuse to shrink, a journal entry a payment settles) and made again after it. Pure.
 */
export function nextRefundStep(
  job: Pick<ClaimedJob, 'sourceId' | 'action' | 'data' | 'existing'>,
  linked: StoredRefundLink | undefined,
  jeWritten: boolean,
  lookup: (kind: any, id: string) => string | undefined,
  overpayments: Map<string, OverpaymentInQbo>,
): Result<RefundStep, { reason: 'missing_refs'; refs: MissingRef[] }> {
  // QBO's API cannot void a journal entry (planWrite holds it): leave its link as it is too.
  if (job.action === 'void') return ok({ step: 'je', thenLink: false });
  const d = job.data as RefundInput;
  const wanted = job.action === 'upsert' ? refundLinkSignature(d) : null;
  // An overpayment no longer in QBO took its lines with it: there is nothing left to unlink.
  const held = linked && (linked.ofKind === 'credit_memo' || overpayments.has(linked.ofSourceId)) ? linked : undefined;
  // Also when QBO no longer has the journal entry (it is created anew): the link settled the old one.
  if (held && (held.signature !== wanted || !job.existing || job.existing.qbId !== held.jeQbId)) {
    if (held.ofKind === 'credit_memo') return ok({ step: 'unlink', operation: 'delete', body: { Id: held.linkQbId, SyncToken: held.syncToken ?? '0' } });
    const p = overpayments.get(held.ofSourceId)!;
    return ok({ step: 'unlink', operation: 'update', body: { ...p.body, Id: p.qbId, SyncToken: p.syncToken } });
  }
  if (job.action !== 'upsert' || !jeWritten || !job.existing) return ok({ step: 'je', thenLink: needsRefundLink(job, held) });
  if (held) return ok({ step: 'done' });
  const jeQbId = job.existing.qbId;
  if (d.of.kind === 'payment') {
    const p = overpayments.get(d.of.id);
    if (!p) return err({ reason: 'missing_refs', refs: [{ kind: 'payment', id: d.of.id, field: 'of.id' }] });
    const body = withRefundLinks(p.body, [{ jeQbId, amount: d.amount }]);
    return ok({ step: 'link', operation: 'update', body: { ...body, Id: p.qbId, SyncToken: p.syncToken } });
  }
  const refs = new RefResolver(lookup);
  const memoQbId = refs.ref('credit_memo', d.of.id, 'of.id')?.value ?? '';
  const body = mapRefundLinkPayment(job.sourceId, d, jeQbId, memoQbId, refs);
  if (refs.missing.length > 0) return err({ reason: 'missing_refs', refs: refs.missing });
  return ok({ step: 'link', operation: 'create', body });
}
