import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { runBatch } from './batch';
import { chunk } from './chunks';
import type { Db } from './client';
import type { RecordKind } from './schema/enums';
import { qboDriftTable, type DriftStatus } from './schema/qbo-drift';

export type DriftRow = typeof qboDriftTable.$inferSelect;
export type DriftInsert = typeof qboDriftTable.$inferInsert;

export async function countOpenDrift(db: Db, companyId: string): Promise<number> {
  const row = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM qbo_drift WHERE company_id = ${companyId} AND status = 'open'`);
  return Number(row?.n ?? 0);
}

export interface MappedByQbId {
  kind: RecordKind;
  sourceId: string;
  qbId: string;
  qbLock: string | null;
  syncedVersion: number;
}

/**
 * Which QBO ids are Sharper records (id map, target qbo). The id map is keyed by Sharper id, so
 * this walks the company's rows of each kind; an index on (company, target, kind, qb_id) would
 * make it a seek (the id map belongs to the queue: see worker/qbo/README.md).
 */
export async function findMappedByQbIds(db: Db, companyId: string, pairs: [RecordKind, string][]): Promise<MappedByQbId[]> {
  const out: MappedByQbId[] = [];
  for (const part of chunk(pairs)) {
    const rows = await db.all<{ kind: RecordKind; source_id: string; qb_id: string; qb_lock: string | null; synced_version: number }>(sql`
      SELECT kind, source_id, qb_id, qb_lock, synced_version FROM id_map
      WHERE company_id = ${companyId} AND target = 'qbo'
        AND (kind, qb_id) IN (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(${JSON.stringify(part)}))`);
    for (const r of rows) out.push({ kind: r.kind, sourceId: r.source_id, qbId: r.qb_id, qbLock: r.qb_lock, syncedVersion: Number(r.synced_version) });
  }
  return out;
}

/**
 * Caches a newer SyncToken QBO showed for a record whose content still matches Sharper's (a
 * payment applied to an invoice bumps it), so the next update does not meet a stale-token fault.
 * Conditional on the token the caller saw, so a concurrent sync result is never overwritten.
 */
export async function refreshQbLocks(db: Db, companyId: string, rows: { kind: RecordKind; sourceId: string; from: string | null; to: string }[]): Promise<void> {
  for (const part of chunk(rows)) {
    await db.run(sql`
      UPDATE id_map SET qb_lock = n.value ->> '$.to'
      FROM json_each(${JSON.stringify(part)}) n
      WHERE id_map.company_id = ${companyId} AND id_map.target = 'qbo' AND id_map.kind = n.value ->> '$.kind'
        AND id_map.source_id = n.value ->> '$.sourceId' AND id_map.qb_lock IS n.value ->> '$.from'`);
  }
}

/** The newest drift entry of each record, to avoid repeating one an operator has seen. */
export async function latestDriftByRecord(db: Db, companyId: string, keys: [RecordKind, string][]): Promise<Map<string, { status: DriftStatus; diff: string }>> {
  const out = new Map<string, { status: DriftStatus; diff: string }>();
  for (const part of chunk(keys)) {
    const rows = await db.all<{ kind: string; source_id: string; status: DriftStatus; diff: string }>(sql`
      SELECT d.kind, d.source_id, d.status, d.diff FROM qbo_drift d
      WHERE d.id IN (
        SELECT MAX(id) FROM qbo_drift WHERE company_id = ${companyId}
          AND (kind, source_id) IN (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(${JSON.stringify(part)}))
        GROUP BY kind, source_id)`);
    for (const r of rows) out.set(`${r.kind}:${r.source_id}`, { status: r.status, diff: r.diff });
  }
  return out;
}

/** One entry per observed change: a change seen twice (CDC overlap, webhook retry) is ignored. */
export async function insertDrift(db: Db, rows: DriftInsert[]): Promise<number> {
  let inserted = 0;
  for (const part of chunk(rows, 10)) {
    const results = await runBatch(db, part.map((r) => sql`
      INSERT INTO qbo_drift (company_id, kind, source_id, qb_entity, qb_id, qb_sync_token, deleted, diff, source, status, detected_at)
      VALUES (${r.companyId}, ${r.kind}, ${r.sourceId}, ${r.qbEntity}, ${r.qbId}, ${r.qbSyncToken}, ${r.deleted ? 1 : 0}, ${r.diff}, ${r.source}, ${r.status}, ${r.detectedAt})
      ON CONFLICT (company_id, qb_entity, qb_id, qb_sync_token) DO NOTHING`));
    inserted += results.reduce((s, x) => s + (x.meta?.changes ?? 0), 0);
  }
  return inserted;
}

export async function listDriftRows(db: Db, companyId: string, f: { status?: DriftStatus[]; kind?: RecordKind; sourceId?: string; beforeId?: number; limit: number }): Promise<DriftRow[]> {
  const t = qboDriftTable;
  return db
    .select()
    .from(t)
    .where(
      and(
        eq(t.companyId, companyId),
        f.status?.length ? inArray(t.status, f.status) : undefined,
        f.kind ? eq(t.kind, f.kind) : undefined,
        f.sourceId ? eq(t.sourceId, f.sourceId) : undefined,
        f.beforeId ? lt(t.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(t.id))
    .limit(f.limit)
    .all();
}

export async function findDrift(db: Db, companyId: string, id: number): Promise<DriftRow | undefined> {
  return db.select().from(qboDriftTable).where(and(eq(qboDriftTable.companyId, companyId), eq(qboDriftTable.id, id))).get();
}

/** Closes every open entry of a record (the newest diff already holds all earlier ones). */
export async function resolveRecordDrift(
  db: Db,
  a: { companyId: string; kind: RecordKind; sourceId: string; status: Exclude<DriftStatus, 'open'>; resolution: string; now: string },
): Promise<number> {
  const rows = await db
    .update(qboDriftTable)
    .set({ status: a.status, resolution: a.resolution, resolvedAt: a.now })
    .where(and(eq(qboDriftTable.companyId, a.companyId), eq(qboDriftTable.kind, a.kind), eq(qboDriftTable.sourceId, a.sourceId), eq(qboDriftTable.status, 'open')))
    .returning({ id: qboDriftTable.id });
  return rows.length;
}

/**
 * Before a restore re-pushes an edited record: take the SyncToken QBO showed when it is newer than
 * the cached one, so the sparse update is not refused as stale (which would cost a metered re-read).
 */
export async function adoptNewerQbLock(db: Db, a: { companyId: string; kind: RecordKind; sourceId: string; lock: string }): Promise<void> {
  if (!/^\d+$/.test(a.lock)) return;
  await db.run(sql`
    UPDATE id_map SET qb_lock = ${a.lock}
    WHERE company_id = ${a.companyId} AND target = 'qbo' AND kind = ${a.kind} AND source_id = ${a.sourceId}
      AND (qb_lock IS NULL OR CAST(qb_lock AS INTEGER) < ${Number(a.lock)})`);
}
