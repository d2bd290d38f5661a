import type { Db } from '../db/client';
import type { JobFilter } from '../db/jobs-log';
import { findJob } from '../db/jobs-log';
import { applyRequeue, findRequeueable, type RequeueWrite } from '../db/jobs-requeue';
import { findMapped, findRecords } from '../db/records';
import type { RecordKind } from '../db/schema/enums';
import { recordKindSpecs } from '../ledger/kinds';
import { ServiceError, notFound } from '../shared/errors';
import { recordKey, type RecordKey } from './keys';
import { evaluateReadiness, type KnownRecord } from './readiness';

export const MAX_REQUEUE = 1_000;

export interface RequeueResult {
  requeued: number;
  /** Jobs that went back to held or waiting because their cause is still there. */
  stillBlocked: { id: number; state: string; message: string | null }[];
}

/**
 * Moves failed, held and waiting jobs back to the queue. Each is re-checked first, so a job whose
 * product is still inactive stays held with the same explanation instead of failing again.
 */
export async function requeueJobs({ ctx, companyId, filter }: { ctx: { db: Db; now: Date }; companyId: string; filter: JobFilter }): Promise<RequeueResult> {
  const jobs = await findRequeueable(ctx.db, companyId, filter, MAX_REQUEUE);
  if (jobs.length === 0) return { requeued: 0, stillBlocked: [] };
  const refsByJob = new Map(jobs.map((j) => [j.id, recordKindSpecs[j.recordKind].references(JSON.parse(j.data))]));
  const pairs = new Map<RecordKey, [RecordKind, string]>();
  for (const refs of refsByJob.values()) for (const r of refs) pairs.set(recordKey(r.kind, r.id), [r.kind, r.id]);
  const byTarget = new Map<string, Set<RecordKey>>();
  const known = new Map<RecordKey, KnownRecord>();
  for (const r of await findRecords(ctx.db, companyId, [...pairs.values()])) {
    known.set(recordKey(r.kind, r.sourceId), { kind: r.kind, sourceId: r.sourceId, active: r.active, status: r.status, displayName: r.displayName });
  }
  for (const target of new Set(jobs.map((j) => j.target))) {
    const mapped = await findMapped(ctx.db, companyId, target, [...pairs.values()]);
    byTarget.set(target, new Set(mapped.map(([k, id]) => recordKey(k, id))));
  }
  const writes: RequeueWrite[] = jobs.map((j) => {
    if (j.action !== 'upsert') return { id: j.id, state: 'queued', code: null, message: null, dependencies: [] };
    const readiness = evaluateReadiness({
      kind: j.recordKind,
      sourceId: j.sourceId,
      docNumber: j.docNumber,
      references: refsByJob.get(j.id) ?? [],
      known,
      mapped: byTarget.get(j.target) ?? new Set(),
    });
    switch (readiness.state) {
      case 'queued':
        return { id: j.id, state: 'queued', code: null, message: null, dependencies: [] };
      case 'held':
        return { id: j.id, state: 'held', code: readiness.code, message: readiness.message, dependencies: [] };
      case 'waiting':
        return {
          id: j.id,
          state: 'waiting',
          code: 'WAITING_FOR_DEPENDENCY',
          message: readiness.message,
          dependencies: readiness.waitingFor.map((r) => [r.kind, r.id] as [RecordKind, string]),
        };
    }
  });
  const after = await applyRequeue(ctx.db, { companyId, now: ctx.now.toISOString(), jobs: writes });
  return {
    requeued: after.filter((j) => j.state === 'queued').length,
    stillBlocked: after.filter((j) => j.state !== 'queued').map((j) => ({ id: j.id, state: j.state, message: j.lastMessage })),
  };
}

/** Requeues one job, refusing clearly when it is not in a state that can be requeued. */
export async function requeueJob({ ctx, companyId, jobId }: { ctx: { db: Db; now: Date }; companyId: string; jobId: number }): Promise<RequeueResult> {
  const job = await findJob(ctx.db, companyId, jobId);
  if (!job) throw notFound(`Job ${jobId}`);
  if (!['failed', 'held', 'waiting'].includes(job.state)) {
    throw new ServiceError('CONFLICT', `Job ${jobId} is ${job.state}; only failed, held or waiting jobs can be requeued`);
  }
  return requeueJobs({ ctx, companyId, filter: { ids: [jobId] } });
}
