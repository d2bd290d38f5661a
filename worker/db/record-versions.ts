import { sql } from 'drizzle-orm';
import { chunk } from './chunks';
import type { Db } from './client';
import type { RecordKind, SyncTarget } from './schema/enums';

/** The versions the id map says were synced: what Sharper last sent. */
export async function findSyncedVersions(db: Db, companyId: string, keys: [RecordKind, string, number][]) {
  const out: { kind: RecordKind; sourceId: string; version: number; status: string; data: string }[] = [];
  for (const part of chunk(keys, 100)) {
    const rows = await db.all<{ kind: RecordKind; source_id: string; version: number; status: string; data: string }>(sql`
      SELECT kind, source_id, version, status, data FROM record_versions
      WHERE company_id = ${companyId}
        AND (kind, source_id, version) IN (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(${JSON.stringify(part)}))`);
    for (const r of rows) out.push({ kind: r.kind, sourceId: r.source_id, version: Number(r.version), status: r.status, data: r.data });
  }
  return out;
}

/**
 * Cents refunded out of each credit memo by refunds QuickBooks has (active in Sharper and in the
 * id map for the target): what, besides its applications, has used up a memo's credit there.
 */
export async function refundedFromCredits(db: Db, companyId: string, target: SyncTarget, memoIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunk([...new Set(memoIds)])) {
    const rows = await db.all<{ memo: string; cents: number }>(sql`
      SELECT json_extract(r.data, '$.of.id') AS memo, SUM(json_extract(r.data, '$.amount')) AS cents
      FROM records r
      JOIN id_map m ON m.company_id = r.company_id AND m.target = ${target} AND m.kind = 'refund' AND m.source_id = r.source_id
      WHERE r.company_id = ${companyId} AND r.kind = 'refund' AND r.status = 'active'
        AND json_extract(r.data, '$.of.kind') = 'credit_memo'
        AND json_extract(r.data, '$.of.id') IN (SELECT value FROM json_each(${JSON.stringify(part)}))
      GROUP BY memo`);
    for (const r of rows) out.set(r.memo, Number(r.cents));
  }
  return out;
}
