import type { Db } from '../../db/client';
import type { RecordKind } from '../../db/schema/enums';
import { recordKindSpecs } from '../../ledger';
import { resendRecord, type ClaimedJob, type JobOutcome } from '../../queue';
import { ServiceError } from '../../shared/errors';
import type { QbResponse } from '../qbxml/response';
import { decideStatus } from '../qbxml/status';
import type { QbRequest } from '../qbxml/types';
import { describeJob } from './outcomes';

type Ctx = { db: Db; now: Date };
type Use = NonNullable<QbRequest['uses']>[number];

/** One write's answer, with what it named from earlier in the same message. */
export interface Answered {
  job: ClaimedJob;
  rs: QbResponse | undefined;
  uses: Use[];
  outcome: JobOutcome;
}

const waitFor = (job: ClaimedJob, deps: { kind: RecordKind; id: string }[], why: string): JobOutcome => ({
  kind: 'waiting',
  message: `${describeJob(job)} waits for ${deps.map((d) => `${recordKindSpecs[d.kind].label} ${d.id}`).join(', ')}: ${why}`,
  dependencies: deps,
});

/**
 * Re-decides failed writes whose cause is a dependency rather than the record itself:
 * - it named a record added earlier in the same message and that Add did not go through: the job
 *   waits for it (released when it syncs) instead of failing;
 * - QuickBooks answered 3140 for a record Sharper had synced (deleted or merged in QuickBooks):
 *   that record is sent again as a new one (its ListID forgotten) and the job waits for it.
 * Mutates `answered[i].outcome`; returns how many records were sent again.
 */
export async function redecideMissing(
  ctx: Ctx,
  companyId: string,
  answered: Answered[],
  syncedJobIds: Set<number>,
  owner: ((qbId: string) => { kind: RecordKind; id: string } | null) | null,
): Promise<number> {
  const resent = new Map<string, boolean>();
  const syncedNow = new Set(answered.filter((a) => syncedJobIds.has(a.job.id)).map((a) => `${a.job.kind}:${a.job.sourceId}`));
  for (const a of answered) {
    if (a.outcome.kind !== 'failed' && a.outcome.kind !== 'held') continue;
    const unsynced = a.uses.filter((u) => !syncedJobIds.has(u.jobId));
    if (unsynced.length > 0) {
      a.outcome = waitFor(a.job, unsynced, `it was added in the same message and QuickBooks did not take it; this is sent once it is in QuickBooks. (${a.outcome.message})`);
      continue;
    }
    if (!a.rs || a.rs.statusCode !== 3140) continue;
    const d = decideStatus({ code: a.rs.statusCode, severity: a.rs.severity, message: a.rs.message }, a.job.action);
    if (d.reason !== 'missing_reference') continue;
    if (a.uses.some((u) => u.name.toLowerCase() === d.value.toLowerCase())) {
      // Named while it was being added and it did go in: next time it is referred to by its id.
      a.outcome = { kind: 'failed', code: '3140', retryable: true, message: `${describeJob(a.job)} referred to a record added in the same message that QuickBooks did not find by name; Sharper sends it again by its QuickBooks id. (${d.message})` };
      continue;
    }
    const gone = owner?.(d.value);
    if (!gone) continue;
    const key = `${gone.kind}:${gone.id}`;
    if (syncedNow.has(key)) {
      // Re-created in this very message: waiting for it would miss its release; it goes by its new id next time.
      a.outcome = { kind: 'failed', code: '3140', retryable: true, message: `${describeJob(a.job)} referred to ${recordKindSpecs[gone.kind].label} ${gone.id} by the id QuickBooks had deleted; it was just added again, so Sharper sends this again with its new id. (${d.message})` };
      continue;
    }
    if (!resent.has(key)) resent.set(key, await resend(ctx, companyId, gone, `QuickBooks no longer has it (it was deleted or merged there; ${describeJob(a.job)} got "${d.message}")`));
    if (resent.get(key)) {
      a.outcome = waitFor(a.job, [gone], `QuickBooks no longer has it (deleted or merged in QuickBooks), so Sharper adds it again first.`);
    }
  }
  return [...resent.values()].filter(Boolean).length;
}

async function resend(ctx: Ctx, companyId: string, record: { kind: RecordKind; id: string }, reason: string): Promise<boolean> {
  try {
    await resendRecord({ ctx, companyId, target: 'qbd', kind: record.kind, sourceId: record.id, reason, forgetQuickBooksId: true });
    return true;
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'NOT_FOUND') return false;
    throw e;
  }
}
