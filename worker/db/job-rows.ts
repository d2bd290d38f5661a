import type { JobAction, JobState, JobType, RecordKind, SyncTarget } from './schema/enums';

export interface JobRow {
  id: number;
  companyId: string;
  target: SyncTarget;
  jobType: JobType;
  recordKind: RecordKind;
  sourceId: string;
  version: number;
  action: JobAction;
  state: JobState;
  rank: number;
  attempts: number;
  runAfter: number;
  leaseUntil: number | null;
  inDoubt: boolean;
  retryable: boolean;
  lastCode: string | null;
  lastMessage: string | null;
  docNumber: string | null;
  txnDate: string | null;
  displayName: string | null;
  qbId: string | null;
  createdAt: string;
  updatedAt: string;
  syncedAt: string | null;
}

/** Maps a raw snake_case jobs row (from `sql` queries) to its typed shape. */
export function toJobRow(r: Record<string, unknown>): JobRow {
  return {
    id: Number(r.id),
    companyId: r.company_id as string,
    target: r.target as SyncTarget,
    jobType: r.job_type as JobType,
    recordKind: r.record_kind as RecordKind,
    sourceId: r.source_id as string,
    version: Number(r.version),
    action: r.action as JobAction,
    state: r.state as JobState,
    rank: Number(r.rank),
    attempts: Number(r.attempts),
    runAfter: Number(r.run_after),
    leaseUntil: r.lease_until == null ? null : Number(r.lease_until),
    inDoubt: Boolean(r.in_doubt),
    retryable: Boolean(r.retryable),
    lastCode: (r.last_code as string | null) ?? null,
    lastMessage: (r.last_message as string | null) ?? null,
    docNumber: (r.doc_number as string | null) ?? null,
    txnDate: (r.txn_date as string | null) ?? null,
    displayName: (r.display_name as string | null) ?? null,
    qbId: (r.qb_id as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    syncedAt: (r.synced_at as string | null) ?? null,
  };
}
