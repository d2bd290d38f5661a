import { sql } from 'drizzle-orm';
import { changes, runBatch } from './batch';
import { chunk } from './chunks';
import type { Db } from './client';
import { owns } from './jobs-outcome';

export interface CreditApplicationRow {
  paymentQbId: string;
  syncToken: string | null;
  signature: string;
}

type StoredRow = CreditApplicationRow & { memoSourceId: string };

/** Stored applications whose `column` is one of `keys`, in one chunked json_each join. */
async function findBy(db: Db, companyId: string, column: 'memo_source_id' | 'payment_qb_id', keys: string[]): Promise<StoredRow[]> {
  const out: StoredRow[] = [];
  for (const part of chunk([...new Set(keys)])) {
    const rows = await db.all<{ memo_source_id: string; payment_qb_id: string; sync_token: string | null; signature: string }>(sql`
      SELECT a.memo_source_id, a.payment_qb_id, a.sync_token, a.signature FROM json_each(${JSON.stringify(part)}) k
      CROSS JOIN qbo_credit_applications a ON a.company_id = ${companyId} AND a.${sql.raw(column)} = k.value`);
    for (const r of rows) out.push({ memoSourceId: r.memo_source_id, paymentQbId: r.payment_qb_id, syncToken: r.sync_token, signature: r.signature });
  }
  return out;
}

/** The applications QBO holds for these credit memos, keyed by the memo's Sharper id. */
export async function findCreditApplications(db: Db, companyId: string, memoIds: string[]): Promise<Map<string, CreditApplicationRow>> {
  return new Map((await findBy(db, companyId, 'memo_source_id', memoIds)).map(({ memoSourceId, ...row }) => [memoSourceId, row]));
}

/** Stored applications by their Payment's QBO id (drift: CDC names the Payment, not the memo). */
export function findCreditApplicationsByPayment(db: Db, companyId: string, paymentQbIds: string[]): Promise<StoredRow[]> {
  return findBy(db, companyId, 'payment_qb_id', paymentQbIds);
}

/** Only the claim holder writes: a job whose claim was swept meanwhile changes nothing. */
const ownsClaim = (jobId: number, claimToken: string) => owns(jobId, claimToken, 'sending');

/** Records the Payment that now applies a memo (created, or its SyncToken re-read). */
export async function saveCreditApplication(
  db: Db,
  a: { companyId: string; memoSourceId: string; memoVersion: number; paymentQbId: string; syncToken: string | null; signature: string; now: string; jobId: number; claimToken: string },
): Promise<boolean> {
  const [res] = await runBatch(db, [
    sql`
      INSERT INTO qbo_credit_applications (company_id, memo_source_id, payment_qb_id, sync_token, signature, memo_version, updated_at)
      SELECT ${a.companyId}, ${a.memoSourceId}, ${a.paymentQbId}, ${a.syncToken}, ${a.signature}, ${a.memoVersion}, ${a.now}
      WHERE ${ownsClaim(a.jobId, a.claimToken)}
      ON CONFLICT (company_id, memo_source_id) DO UPDATE SET
        payment_qb_id = excluded.payment_qb_id, sync_token = excluded.sync_token, signature = excluded.signature,
        memo_version = excluded.memo_version, updated_at = excluded.updated_at`,
  ]);
  return changes(res) === 1;
}

/** Forgets a memo's application once its Payment is deleted in QBO (or found gone). */
export async function deleteCreditApplication(db: Db, a: { companyId: string; memoSourceId: string; paymentQbId: string; jobId: number; claimToken: string }): Promise<boolean> {
  const [res] = await runBatch(db, [
    sql`
      DELETE FROM qbo_credit_applications
      WHERE company_id = ${a.companyId} AND memo_source_id = ${a.memoSourceId} AND payment_qb_id = ${a.paymentQbId}
        AND ${ownsClaim(a.jobId, a.claimToken)}`,
  ]);
  return changes(res) === 1;
}

/**
 * Restoring a memo's application after drift: a Payment deleted in QBO is forgotten (the memo's
 * job creates it again); an edited one keeps its id with the SyncToken QBO showed and a signature
 * that matches no version, so the job deletes it and creates Sharper's again.
 */
export async function markCreditApplicationDrifted(db: Db, a: { companyId: string; memoSourceId: string; paymentQbId: string; deleted: boolean; syncToken: string; now: string }): Promise<void> {
  const where = sql`company_id = ${a.companyId} AND memo_source_id = ${a.memoSourceId} AND payment_qb_id = ${a.paymentQbId}`;
  await db.run(
    a.deleted
      ? sql`DELETE FROM qbo_credit_applications WHERE ${where}`
      : sql`UPDATE qbo_credit_applications SET sync_token = ${a.syncToken}, signature = 'edited in QuickBooks Online', updated_at = ${a.now} WHERE ${where}`,
  );
}
