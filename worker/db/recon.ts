import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { JobState, RecordKind, SyncTarget } from './schema/enums';

export interface ReconRecord {
  kind: RecordKind;
  sourceId: string;
  txnDate: string | null;
  docNumber: string | null;
  data: string;
  displayName: string | null;
  /** The newest job of the record for the target, and the version QuickBooks has. */
  jobId: number | null;
  jobState: JobState | null;
  jobMessage: string | null;
  jobVersion: number | null;
  version: number;
  qbId: string | null;
  syncedVersion: number | null;
  /** When the newest job reached QuickBooks (ISO), if it has. */
  syncedAt: string | null;
}

/**
 * Everything reconciliation reads from Sharper's side in one statement: each active record
 * (transactions up to `asOf`, every list record), its newest job and its id-map entry.
 */
export async function loadReconRecords(db: Db, a: { companyId: string; target: SyncTarget; asOf: string }): Promise<ReconRecord[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT r.kind, r.source_id, r.txn_date, r.doc_number, r.data, r.display_name, r.version,
           j.id AS job_id, j.state AS job_state, j.last_message AS job_message, j.version AS job_version, j.synced_at AS synced_at,
           m.qb_id, m.synced_version
    FROM records r
    LEFT JOIN jobs j ON j.id = (SELECT MAX(x.id) FROM jobs x WHERE x.company_id = r.company_id AND x.target = ${a.target}
                                  AND x.record_kind = r.kind AND x.source_id = r.source_id)
    LEFT JOIN id_map m ON m.company_id = r.company_id AND m.target = ${a.target} AND m.kind = r.kind AND m.source_id = r.source_id
    WHERE r.company_id = ${a.companyId} AND r.status = 'active' AND (r.txn_date IS NULL OR r.txn_date <= ${a.asOf})`);
  return rows.map((r) => ({
    kind: r.kind as RecordKind,
    sourceId: r.source_id as string,
    txnDate: (r.txn_date as string | null) ?? null,
    docNumber: (r.doc_number as string | null) ?? null,
    data: r.data as string,
    displayName: (r.display_name as string | null) ?? null,
    version: Number(r.version),
    jobId: r.job_id == null ? null : Number(r.job_id),
    jobState: (r.job_state as JobState | null) ?? null,
    jobMessage: (r.job_message as string | null) ?? null,
    jobVersion: r.job_version == null ? null : Number(r.job_version),
    qbId: (r.qb_id as string | null) ?? null,
    syncedVersion: r.synced_version == null ? null : Number(r.synced_version),
    syncedAt: (r.synced_at as string | null) ?? null,
  }));
}

/** Records Sharper voided or deleted that QuickBooks may still hold (their last job not synced). */
export async function loadUnsyncedRemovals(db: Db, a: { companyId: string; target: SyncTarget }) {
  return db.all<{ kind: RecordKind; source_id: string; status: string; job_state: JobState; qb_id: string | null }>(sql`
    SELECT r.kind, r.source_id, r.status, j.state AS job_state, m.qb_id
    FROM records r
    JOIN jobs j ON j.id = (SELECT MAX(x.id) FROM jobs x WHERE x.company_id = r.company_id AND x.target = ${a.target}
                             AND x.record_kind = r.kind AND x.source_id = r.source_id)
    LEFT JOIN id_map m ON m.company_id = r.company_id AND m.target = ${a.target} AND m.kind = r.kind AND m.source_id = r.source_id
    WHERE r.company_id = ${a.companyId} AND r.status != 'active' AND j.state != 'synced'`);
}

export interface OpenDrift {
  id: number;
  kind: RecordKind;
  sourceId: string;
  qbId: string;
  deleted: boolean;
  diff: string;
  /** How it was seen, for the explanation (QuickBooks Desktop drift is read off the reports, not logged). */
  message?: string;
}

/** Open drift entries (edits made in QuickBooks Online), if the QBO path has recorded any. */
export async function loadOpenDrift(db: Db, companyId: string): Promise<OpenDrift[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT id, kind, source_id, qb_id, deleted, diff FROM qbo_drift WHERE company_id = ${companyId} AND status = 'open' ORDER BY id`);
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as RecordKind,
    sourceId: r.source_id as string,
    qbId: r.qb_id as string,
    deleted: Boolean(r.deleted),
    diff: r.diff as string,
  }));
}
