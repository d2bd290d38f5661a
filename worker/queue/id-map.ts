import type { Db } from '../db/client';
import { findIdMapEntries } from '../db/jobs-requeue';
import type { RecordKind, SyncTarget } from '../db/schema/enums';
import { recordKey, type RecordKey } from './keys';

export interface QuickBooksRef {
  qbId: string;
  qbLock: string | null;
  syncedVersion: number;
}

/** Looks up where Sharper records live in QuickBooks (for references inside a request). */
export async function lookupQuickBooksIds({
  ctx,
  companyId,
  target,
  records,
}: {
  ctx: { db: Db };
  companyId: string;
  target: SyncTarget;
  records: { kind: RecordKind; id: string }[];
}): Promise<Map<RecordKey, QuickBooksRef>> {
  const rows = await findIdMapEntries(ctx.db, companyId, target, records.map((r) => [r.kind, r.id]));
  return new Map(rows.map((r) => [recordKey(r.kind, r.source_id), { qbId: r.qb_id, qbLock: r.qb_lock, syncedVersion: Number(r.synced_version) }]));
}
