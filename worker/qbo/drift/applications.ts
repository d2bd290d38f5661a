import type { Db } from '../../db/client';
import { findCreditApplicationsByPayment } from '../../db/qbo-credit-applications';
import type { DriftInsert } from '../../db/qbo-drift';
import { findSyncedVersions } from '../../db/record-versions';
import type { CreditMemoInput } from '../../ledger';
import { lookupQuickBooksIds, recordKey } from '../../queue';
import { cents } from './compare';
import { linkPaymentDrift } from './link-payment';
import type { ObservedChange } from './observed';

type Applied = { invoice: string | null; amount: number | null }[];

const sorted = (xs: Applied) => [...xs].sort((a, b) => `${a.invoice}`.localeCompare(`${b.invoice}`) || (a.amount ?? 0) - (b.amount ?? 0));

/** The invoice lines of an application Payment as QBO holds it (the memo's own line left out). */
function appliedInQbo(body: Record<string, any>): Applied {
  const lines: Record<string, any>[] = Array.isArray(body.Line) ? body.Line : [];
  return lines
    .filter((l) => l.LinkedTxn?.[0]?.TxnType === 'Invoice')
    .map((l) => ({ invoice: String(l.LinkedTxn[0].TxnId), amount: cents(l.Amount) }));
}

/**
 * Changes to the zero-amount Payments that apply Sharper's credit memos in QBO (they are not in
 * the id map, so they would pass for someone else's payments): one deleted or edited in QBO is
 * drift of its credit memo, with the invoices Sharper applied it to and what QBO now shows.
 */
export async function detectApplicationDrift(
  ctx: { db: Db; companyId: string; now: Date },
  payments: ObservedChange[],
): Promise<{ /** `Payment:<id>` of every change that is a memo's application. */ matched: Set<string>; own: number; unchanged: number; inserts: DriftInsert[] }> {
  const out = { matched: new Set<string>(), own: 0, unchanged: 0, inserts: [] as DriftInsert[] };
  if (payments.length === 0) return out;
  const stored = await findCreditApplicationsByPayment(ctx.db, ctx.companyId, payments.map((p) => p.qbId));
  if (stored.length === 0) return out;
  const byPayment = new Map(stored.map((s) => [s.paymentQbId, s]));
  const memos = await lookupQuickBooksIds({ ctx, companyId: ctx.companyId, target: 'qbo', records: stored.map((s) => ({ kind: 'credit_memo' as const, id: s.memoSourceId })) });
  const versions = await findSyncedVersions(ctx.db, ctx.companyId, stored.flatMap((s) => {
    const m = memos.get(recordKey('credit_memo', s.memoSourceId));
    return m ? [['credit_memo', s.memoSourceId, m.syncedVersion] as ['credit_memo', string, number]] : [];
  }));
  const memoData = new Map(versions.map((v) => [v.sourceId, JSON.parse(v.data) as CreditMemoInput]));
  const invoiceIds = await lookupQuickBooksIds({
    ctx,
    companyId: ctx.companyId,
    target: 'qbo',
    records: [...memoData.values()].flatMap((d) => d.applications.map((a) => ({ kind: 'invoice' as const, id: a.invoice }))),
  });
  for (const change of payments) {
    const app = byPayment.get(change.qbId);
    if (!app) continue;
    out.matched.add(`Payment:${change.qbId}`);
    if (!change.deleted && change.syncToken !== null && change.syncToken === app.syncToken) {
      out.own += 1;
      continue;
    }
    const memo = memoData.get(app.memoSourceId);
    if (!memo) continue;
    const expected = sorted(memo.applications.map((a) => ({ invoice: invoiceIds.get(recordKey('invoice', a.invoice))?.qbId ?? null, amount: a.amount })));
    const actual = change.deleted || !change.body ? [] : sorted(appliedInQbo(change.body));
    const insert = linkPaymentDrift({ companyId: ctx.companyId, now: ctx.now, change, kind: 'credit_memo', sourceId: app.memoSourceId, expected, actual, deletedSays: 'the Payment applying this credit memo was deleted' });
    if (insert) out.inserts.push(insert);
    else out.unchanged += 1;
  }
  return out;
}
