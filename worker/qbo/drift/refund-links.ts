import type { Db } from '../../db/client';
import { findRefundLinksByPayment } from '../../db/qbo-refund-links';
import type { DriftInsert } from '../../db/qbo-drift';
import { cents } from './compare';
import { linkPaymentDrift } from './link-payment';
import type { ObservedChange } from './observed';

type Linked = { txnType: string; txnId: string; amount: number | null }[];

const sorted = (xs: Linked) => [...xs].sort((a, b) => `${a.txnType}:${a.txnId}`.localeCompare(`${b.txnType}:${b.txnId}`) || (a.amount ?? 0) - (b.amount ?? 0));

/** The journal entry lines of a link Payment as QBO holds it (what it settles of the refund). */
function linkedInQbo(body: Record<string, any>): Linked {
  const lines: Record<string, any>[] = Array.isArray(body.Line) ? body.Line : [];
  return lines
    .filter((l) => l.LinkedTxn?.[0]?.TxnType === 'JournalEntry')
    .map((l) => ({ txnType: 'JournalEntry', txnId: String(l.LinkedTxn[0].TxnId), amount: cents(l.Amount) }));
}

/**
 * Changes to the zero-amount Payments that link Sharper's refunds to the credit memos they pay out
 * (not in the id map, so they would pass for someone else's payments): the Worker's own writes are
 * its own; one deleted or edited in QBO is drift of its refund, never of an unrelated record. An
 * overpayment's link is a line of Sharper's own payment and goes through the id map like the rest.
 */
export async function detectRefundLinkDrift(
  ctx: { db: Db; companyId: string; now: Date },
  payments: ObservedChange[],
): Promise<{ /** `Payment:<id>` of every change that is a refund's link. */ matched: Set<string>; own: number; unchanged: number; inserts: DriftInsert[] }> {
  const out = { matched: new Set<string>(), own: 0, unchanged: 0, inserts: [] as DriftInsert[] };
  if (payments.length === 0) return out;
  const stored = (await findRefundLinksByPayment(ctx.db, ctx.companyId, payments.map((p) => p.qbId))).filter((s) => s.ofKind === 'credit_memo');
  if (stored.length === 0) return out;
  const byPayment = new Map(stored.map((s) => [s.linkQbId, s]));
  for (const change of payments) {
    const link = byPayment.get(change.qbId);
    if (!link) continue;
    out.matched.add(`Payment:${change.qbId}`);
    if (!change.deleted && change.syncToken !== null && change.syncToken === link.syncToken) {
      out.own += 1;
      continue;
    }
    const expected = [{ txnType: 'JournalEntry', txnId: link.jeQbId, amount: link.amount }];
    const actual = change.deleted || !change.body ? [] : sorted(linkedInQbo(change.body));
    const insert = linkPaymentDrift({ companyId: ctx.companyId, now: ctx.now, change, kind: 'refund', sourceId: link.refundSourceId, expected, actual, deletedSays: 'the Payment linking this refund to its credit memo was deleted' });
    if (insert) out.inserts.push(insert);
    else out.unchanged += 1;
  }
  return out;
}
