import { sql, type SQL } from 'drizzle-orm';
import type { JobState, RecordKind, RecordStatus, SyncTarget } from './schema/enums';
import { runBatch } from './batch';
import type { Db } from './client';
import { chunk } from './chunks';
import { toJobRow } from './job-rows';

export interface StoredRecord {
  kind: RecordKind;
  sourceId: string;
  version: number;
  status: RecordStatus;
  contentHash: string;
  data: string;
  docNumber: string | null;
  txnDate: string | null;
  active: boolean;
  displayName: string | null;
}

export interface OpenJob {
  id: number;
  kind: RecordKind;
  sourceId: string;
  version: number;
  state: JobState;
  inDoubt: boolean;
}

type KeyPair = [RecordKind, string];

const pairsJson = (pairs: KeyPair[]) => JSON.stringify(pairs);

/** Current rows of the given records (one statement per chunk of keys). */
export async function findRecords(db: Db, companyId: string, keys: KeyPair[]): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (const part of chunk(keys)) {
    const rows = await db.all<Record<string, unknown>>(sql`
      SELECT r.kind, r.source_id, r.version, r.status, r.content_hash, r.data, r.doc_number, r.txn_date, r.active, r.display_name
      FROM json_each(${pairsJson(part)}) k
      CROSS JOIN records r ON r.company_id = ${companyId} AND r.kind = k.value ->> '$[0]' AND r.source_id = k.value ->> '$[1]'`);
    for (const r of rows) out.push(toStoredRecord(r));
  }
  return out;
}

export function toStoredRecord(r: Record<string, unknown>): StoredRecord {
  return {
    kind: r.kind as RecordKind,
    sourceId: r.source_id as string,
    version: Number(r.version),
    status: r.status as RecordStatus,
    contentHash: r.content_hash as string,
    data: r.data as string,
    docNumber: (r.doc_number as string | null) ?? null,
    txnDate: (r.txn_date as string | null) ?? null,
    active: Boolean(r.active),
    displayName: (r.display_name as string | null) ?? null,
  };
}

/** Jobs of these records that have not finished (their fate depends on a new version). */
export async function findOpenJobs(db: Db, companyId: string, target: SyncTarget, keys: KeyPair[]): Promise<OpenJob[]> {
  const out: OpenJob[] = [];
  for (const part of chunk(keys)) {
    const rows = await db.all<Record<string, unknown>>(sql`
      SELECT j.* FROM json_each(${pairsJson(part)}) k
      CROSS JOIN jobs j ON j.company_id = ${companyId} AND j.target = ${target}
        AND j.record_kind = k.value ->> '$[0]' AND j.source_id = k.value ->> '$[1]'
      WHERE j.state IN ('queued', 'waiting', 'held', 'failed', 'sending')`);
    for (const j of rows.map(toJobRow)) out.push({ id: j.id, kind: j.recordKind, sourceId: j.sourceId, version: j.version, state: j.state, inDoubt: j.inDoubt });
  }
  return out;
}

/** Which of these records already exist in QuickBooks for the target. */
export async function findMapped(db: Db, companyId: string, target: SyncTarget, keys: KeyPair[]): Promise<KeyPair[]> {
  const out: KeyPair[] = [];
  for (const part of chunk(keys)) {
    const rows = await db.all<{ kind: RecordKind; source_id: string }>(sql`
      SELECT m.kind, m.source_id FROM json_each(${pairsJson(part)}) k
      CROSS JOIN id_map m ON m.company_id = ${companyId} AND m.target = ${target}
        AND m.kind = k.value ->> '$[0]' AND m.source_id = k.value ->> '$[1]'`);
    for (const r of rows) out.push([r.kind, r.source_id]);
  }
  return out;
}

/** A version to write: the same shape as a stored record. */
export type RecordWrite = StoredRecord;

export interface JobWrite {
  kind: RecordKind;
  sourceId: string;
  version: number;
  jobType: string;
  action: string;
  state: JobState;
  rank: number;
  inDoubt: boolean;
  lastCode: string | null;
  lastMessage: string | null;
  docNumber: string | null;
  txnDate: string | null;
  displayName: string | null;
  /** References not yet in QuickBooks; rows are only kept for those still unmapped at write time. */
  dependencies: KeyPair[];
}

export interface IngestWrite {
  companyId: string;
  target: SyncTarget | null;
  now: string;
  records: RecordWrite[];
  jobs: JobWrite[];
}

export interface WrittenJob {
  id: number;
  kind: RecordKind;
  sourceId: string;
  version: number;
  state: JobState;
  lastMessage: string | null;
}

/**
 * Writes accepted versions and their jobs in one D1 batch (one transaction), a constant number of
 * statements per chunk whatever the record count. Dependency rows are inserted only for records
 * still missing from the id map inside the transaction, and jobs left with none are released in
 * the same batch, so a dependency that synced meanwhile can never leave a job waiting forever.
 */
export async function writeIngest(db: Db, w: IngestWrite): Promise<WrittenJob[]> {
  const statements: SQL[] = [];
  for (const part of chunk(w.records)) {
    const json = JSON.stringify(part);
    statements.push(
      sql`
        INSERT INTO records (company_id, kind, source_id, version, status, content_hash, data, doc_number, txn_date, active, display_name, updated_at)
        SELECT ${w.companyId}, r.value ->> '$.kind', r.value ->> '$.sourceId', r.value ->> '$.version', r.value ->> '$.status',
               r.value ->> '$.contentHash', r.value ->> '$.data', r.value ->> '$.docNumber', r.value ->> '$.txnDate',
               r.value ->> '$.active', r.value ->> '$.displayName', ${w.now}
        FROM json_each(${json}) r WHERE true
        ON CONFLICT (company_id, kind, source_id) DO UPDATE SET
          version = excluded.version, status = excluded.status, content_hash = excluded.content_hash, data = excluded.data,
          doc_number = excluded.doc_number, txn_date = excluded.txn_date, active = excluded.active,
          display_name = excluded.display_name, updated_at = excluded.updated_at`,
      sql`
        INSERT INTO record_versions (company_id, kind, source_id, version, status, content_hash, data, created_at)
        SELECT ${w.companyId}, r.value ->> '$.kind', r.value ->> '$.sourceId', r.value ->> '$.version', r.value ->> '$.status',
               r.value ->> '$.contentHash', r.value ->> '$.data', ${w.now}
        FROM json_each(${json}) r`,
    );
  }
  if (w.target) {
    for (const part of chunk(w.jobs)) {
      const json = JSON.stringify(part);
      const deps = JSON.stringify(
        part.flatMap((j) => j.dependencies.map(([kind, sourceId]) => ({ jk: j.kind, js: j.sourceId, jv: j.version, kind, sourceId }))),
      );
      statements.push(
        sql`
          DELETE FROM job_dependencies WHERE job_id IN (
            SELECT j.id FROM json_each(${json}) n
            CROSS JOIN jobs j ON j.company_id = ${w.companyId} AND j.target = ${w.target}
              AND j.record_kind = n.value ->> '$.kind' AND j.source_id = n.value ->> '$.sourceId' AND j.version < n.value ->> '$.version'
            WHERE j.state = 'waiting')`,
        sql`
          UPDATE jobs SET state = 'superseded', updated_at = ${w.now}, last_message = 'Replaced by a newer version from Sharper.'
          WHERE id IN (
            SELECT j.id FROM json_each(${json}) n
            CROSS JOIN jobs j ON j.company_id = ${w.companyId} AND j.target = ${w.target}
              AND j.record_kind = n.value ->> '$.kind' AND j.source_id = n.value ->> '$.sourceId' AND j.version < n.value ->> '$.version'
            WHERE j.state IN ('queued', 'waiting', 'held', 'failed'))`,
        sql`
          INSERT INTO jobs (company_id, target, job_type, record_kind, source_id, version, action, state, rank, in_doubt,
                            last_code, last_message, doc_number, txn_date, display_name, created_at, updated_at, synced_at)
          SELECT ${w.companyId}, ${w.target}, n.value ->> '$.jobType', n.value ->> '$.kind', n.value ->> '$.sourceId',
                 n.value ->> '$.version', n.value ->> '$.action', n.value ->> '$.state', n.value ->> '$.rank', n.value ->> '$.inDoubt',
                 n.value ->> '$.lastCode', n.value ->> '$.lastMessage', n.value ->> '$.docNumber', n.value ->> '$.txnDate',
                 n.value ->> '$.displayName', ${w.now}, ${w.now}, CASE WHEN n.value ->> '$.state' = 'synced' THEN ${w.now} END
          FROM json_each(${json}) n`,
        sql`
          INSERT INTO job_dependencies (job_id, company_id, target, kind, source_id)
          SELECT j.id, ${w.companyId}, ${w.target}, d.value ->> '$.kind', d.value ->> '$.sourceId'
          FROM json_each(${deps}) d
          CROSS JOIN jobs j ON j.company_id = ${w.companyId} AND j.target = ${w.target}
            AND j.record_kind = d.value ->> '$.jk' AND j.source_id = d.value ->> '$.js' AND j.version = d.value ->> '$.jv'
          WHERE NOT EXISTS (SELECT 1 FROM id_map m WHERE m.company_id = ${w.companyId} AND m.target = ${w.target}
                              AND m.kind = d.value ->> '$.kind' AND m.source_id = d.value ->> '$.sourceId')`,
        sql`
          UPDATE jobs SET state = 'queued', last_code = NULL, last_message = NULL, updated_at = ${w.now}
          WHERE id IN (
            SELECT j.id FROM json_each(${json}) n
            CROSS JOIN jobs j ON j.company_id = ${w.companyId} AND j.target = ${w.target}
              AND j.record_kind = n.value ->> '$.kind' AND j.source_id = n.value ->> '$.sourceId' AND j.version = n.value ->> '$.version'
            WHERE j.state = 'waiting')
            AND NOT EXISTS (SELECT 1 FROM job_dependencies d WHERE d.job_id = jobs.id)`,
      );
    }
  }
  if (statements.length === 0) return [];
  await runBatch(db, statements);
  if (!w.target || w.jobs.length === 0) return [];
  const written: WrittenJob[] = [];
  for (const part of chunk(w.jobs)) {
    const triples = JSON.stringify(part.map((j) => [j.kind, j.sourceId, j.version]));
    const rows = await db.all<Record<string, unknown>>(sql`
      SELECT j.* FROM json_each(${triples}) t
      CROSS JOIN jobs j ON j.company_id = ${w.companyId} AND j.target = ${w.target}
        AND j.record_kind = t.value ->> '$[0]' AND j.source_id = t.value ->> '$[1]' AND j.version = t.value ->> '$[2]'`);
    for (const j of rows.map(toJobRow)) written.push({ id: j.id, kind: j.recordKind, sourceId: j.sourceId, version: j.version, state: j.state, lastMessage: j.lastMessage });
  }
  return written;
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
