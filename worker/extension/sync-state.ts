import type { JobRow } from '../db/job-rows';

export const overlaySyncStates = ['synced', 'pending', 'failed', 'held', 'edited_in_quickbooks'] as const;
export type OverlaySyncState = (typeof overlaySyncStates)[number];

export interface DriftField {
  field: string;
  sharper: unknown;
  quickbooks: unknown;
}

export interface SyncStateView {
  state: OverlaySyncState;
  /** When it synced (synced), or when the job last changed (others). */
  at: string | null;
  /** Why: the failure or hold message, what a waiting job waits for, or what changed in QuickBooks. */
  reason: string | null;
  code: string | null;
  jobId: number | null;
  drift: { detectedAt: string; deleted: boolean; fields: DriftField[] } | null;
}

function parseDiff(diff: string): DriftField[] {
  const parsed: unknown = JSON.parse(diff);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((d): d is DriftField => typeof d === 'object' && d !== null && typeof (d as DriftField).field === 'string');
}

/**
 * One state per record for the overlay. Open drift wins: the record in QuickBooks no longer
 * matches Sharper whatever the last job did. Otherwise the newest QBO job decides.
 */
export function syncStateOf(a: { job: JobRow | null; mappedAt: string | null; drift: { diff: string; deleted: boolean; detectedAt: string } | null }): SyncStateView {
  const { job } = a;
  const jobPart = { code: job?.lastCode ?? null, jobId: job?.id ?? null };
  if (a.drift) {
    const fields = parseDiff(a.drift.diff);
    const reason = a.drift.deleted ? 'Deleted in QuickBooks' : `Changed in QuickBooks: ${fields.map((f) => f.field).join(', ') || 'fields not recorded'}`;
    return { state: 'edited_in_quickbooks', at: a.drift.detectedAt, reason, ...jobPart, drift: { detectedAt: a.drift.detectedAt, deleted: a.drift.deleted, fields } };
  }
  if (!job) return { state: 'synced', at: a.mappedAt, reason: null, ...jobPart, drift: null };
  switch (job.state) {
    case 'synced':
      return { state: 'synced', at: job.syncedAt ?? job.updatedAt, reason: null, ...jobPart, drift: null };
    case 'failed':
      return { state: 'failed', at: job.updatedAt, reason: job.lastMessage, ...jobPart, drift: null };
    case 'held':
      return { state: 'held', at: job.updatedAt, reason: job.lastMessage, ...jobPart, drift: null };
    case 'queued':
    case 'sending':
    case 'waiting':
    case 'superseded':
      return { state: 'pending', at: job.updatedAt, reason: job.state === 'waiting' ? job.lastMessage : null, ...jobPart, drift: null };
  }
}
