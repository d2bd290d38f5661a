import { sql } from 'drizzle-orm';
import { changes, runBatch } from './batch';
import { chunk } from './chunks';
import type { Db } from './client';
import { owns } from './jobs-outcome';

/**
 * How QBO holds the link between a refund's journal entry and the credit it pays out: a
 * zero-amount Payment linking the credit memo and the journal entry, or a line of the overpaying
 * Payment linking the journal entry. `signature` says what it settles, so a changed refund is recognised.
 */
export interface RefundLinkRow {
  refundSourceId: string;
  ofKind: 'credit_memo' | 'payment';
  ofSourceId: string;
  jeQbId: string;
  /** The zero-amount Payment (credit memo), or the overpaying Payment itself. */
  linkQbId: string;
  syncToken: string | null;
  /** Cents. */
  amount: number;
  signature: string;
}

type Raw = { refund_source_id: string; of_kind: string; of_source_id: string; je_qb_id: string; link_qb_id: string; sync_token: string | null; amount: number; signature: string };

const rowOf = (r: Raw): RefundLinkRow => ({
  refundSourceId: r.refund_source_id,
  ofKind: r.of_kind as RefundLinkRow['ofKind'],
  ofSourceId: r.of_source_id,
  jeQbId: r.je_qb_id,
  linkQbId: r.link_qb_id,
  syncToken: r.sync_token,
  amount: Number(r.amount),
  signature: r.signature,
});

/** Stored links whose `column` is one of `keys` (and, for `of_source_id`, of that kind), in one chunked json_each join. */
async function findBy(db: Db, companyId: string, column: 'refund_source_id' | 'link_qb_id' | 'of_source_id', keys: string[], ofKind?: string): Promise<RefundLinkRow[]> {
  const out: RefundLinkRow[] = [];
  const kind = ofKind ? sql` AND l.of_kind = ${ofKind}` : sql``;
  for (const part of chunk([...new Set(keys)])) {
    const rows = await db.all<Raw>(sql`
      SELECT l.refund_source_id, l.of_kind, l.of_source_id, l.je_qb_id, l.link_qb_id, l.sync_token, l.amount, l.signature
      FROM json_each(${JSON.stringify(part)}) k
      CROSS JOIN qbo_refund_links l ON l.company_id = ${companyId} AND l.${sql.raw(column)} = k.value${kind}`);
    out.push(...rows.map(rowOf));
  }
  return out;
}

/** The links QBO holds for these refunds, keyed by the refund's Sharper id. */
export async function findRefundLinks(db: Db, companyId: string, refundIds: string[]): Promise<Map<string, RefundLinkRow>> {
  if (refundIds.length === 0) return new Map();
  return new Map((await findBy(db, companyId, 'refund_source_id', refundIds)).map((r) => [r.refundSourceId, r]));
}

/** Links by the QBO Payment they live in (drift: CDC names the Payment, not the refund). */
export function findRefundLinksByPayment(db: Db, companyId: string, paymentQbIds: string[]): Promise<RefundLinkRow[]> {
  return paymentQbIds.length ? findBy(db, companyId, 'link_qb_id', paymentQbIds) : Promise.resolve([]);
}

/** The refunds of these Sharper payments (overpayments) that QBO links, by payment id. */
export async function findRefundLinksOfPayments(db: Db, companyId: string, paymentIds: string[]): Promise<Map<string, RefundLinkRow[]>> {
  const out = new Map<string, RefundLinkRow[]>();
  if (paymentIds.length === 0) return out;
  for (const r of await findBy(db, companyId, 'of_source_id', paymentIds, 'payment')) out.set(r.ofSourceId, [...(out.get(r.ofSourceId) ?? []), r]);
  for (const rows of out.values()) rows.sort((a, b) => (a.refundSourceId < b.refundSourceId ? -1 : a.refundSourceId > b.refundSourceId ? 1 : 0));
  return out;
}

/** Only the claim holder writes: a job whose claim was swept meanwhile changes nothing. */
const ownsClaim = (jobId: number, claimToken: string) => owns(jobId, claimToken, 'sending');

/** Records the link QBO now holds for a refund (created, or the overpaying Payment updated). */
export async function saveRefundLink(
  db: Db,
  a: Omit<RefundLinkRow, 'refundSourceId'> & { companyId: string; refundSourceId: string; refundVersion: number; now: string; jobId: number; claimToken: string },
): Promise<boolean> {
  const [res] = await runBatch(db, [
    sql`
      INSERT INTO qbo_refund_links (company_id, refund_source_id, of_kind, of_source_id, je_qb_id, link_qb_id, sync_token, amount, signature, refund_version, updated_at)
      SELECT ${a.companyId}, ${a.refundSourceId}, ${a.ofKind}, ${a.ofSourceId}, ${a.jeQbId}, ${a.linkQbId}, ${a.syncToken}, ${a.amount}, ${a.signature}, ${a.refundVersion}, ${a.now}
      WHERE ${ownsClaim(a.jobId, a.claimToken)}
      ON CONFLICT (company_id, refund_source_id) DO UPDATE SET
        of_kind = excluded.of_kind, of_source_id = excluded.of_source_id, je_qb_id = excluded.je_qb_id, link_qb_id = excluded.link_qb_id,
        sync_token = excluded.sync_token, amount = excluded.amount, signature = excluded.signature,
        refund_version = excluded.refund_version, updated_at = excluded.updated_at`,
  ]);
  return changes(res) === 1;
}

/** Forgets a refund's link once it is removed in QBO (or found gone). */
export async function deleteRefundLink(db: Db, a: { companyId: string; refundSourceId: string; linkQbId: string; jobId: number; claimToken: string }): Promise<boolean> {
  const [res] = await runBatch(db, [
    sql`
      DELETE FROM qbo_refund_links
      WHERE company_id = ${a.companyId} AND refund_source_id = ${a.refundSourceId} AND link_qb_id = ${a.linkQbId}
        AND ${ownsClaim(a.jobId, a.claimToken)}`,
  ]);
  return changes(res) === 1;
}

/** An overpaying Payment was written (by its own job or a refund's link): every link in it carries its new SyncToken. */
export async function refreshRefundLinkTokens(db: Db, a: { companyId: string; linkQbId: string; syncToken: string }): Promise<void> {
  await db.run(sql`UPDATE qbo_refund_links SET sync_token = ${a.syncToken} WHERE company_id = ${a.companyId} AND link_qb_id = ${a.linkQbId} AND of_kind = 'payment'`);
}

/**
 * Restoring a refund's link after drift (its zero-amount Payment deleted or edited in QBO): a
 * deleted one is forgotten (the refund's job links again); an edited one keeps its id with the
 * SyncToken QBO showed and a signature that matches no version, so the job deletes it and links again.
 */
export async function markRefundLinkDrifted(db: Db, a: { companyId: string; refundSourceId: string; linkQbId: string; deleted: boolean; syncToken: string; now: string }): Promise<void> {
  const where = sql`company_id = ${a.companyId} AND refund_source_id = ${a.refundSourceId} AND link_qb_id = ${a.linkQbId}`;
  await db.run(
    a.deleted
      ? sql`DELETE FROM qbo_refund_links WHERE ${where}`
      : sql`UPDATE qbo_refund_links SET sync_token = ${a.syncToken}, signature = 'edited in QuickBooks Online', updated_at = ${a.now} WHERE ${where}`,
  );
}
