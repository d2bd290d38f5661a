import type { Db } from '../db/client';
import { recordStep as writeStep, recordSynced, recordUnsynced, recordWaiting, type AttemptWrite } from '../db/jobs-outcome';
import type { RecordKind } from '../db/schema/enums';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';
import type { ClaimedJob } from './claim';

const EXCERPT_CHARS = 4_000;

/** What was sent and what came back, trimmed for the log (full payloads are not kept). */
export interface Exchange {
  request?: string;
  response?: string;
  startedAt?: Date;
}

export type JobOutcome =
  | { kind: 'synced'; qbId: string | null; qbLock?: string | null; message?: string }
  | { kind: 'failed'; code: string; message: string; retryable: boolean }
  | { kind: 'held'; code: string; message: string }
  | { kind: 'waiting'; message: string; dependencies: { kind: RecordKind; id: string }[] }
  /** The answer was lost: the request may or may not have reached QuickBooks. */
  | { kind: 'unknown'; code: string; message: string };

const excerpt = (text?: string) => (text === undefined ? null : text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);

/**
 * Records what happened to a claimed job. Returns false when the claim was lost meanwhile
 * (its lease expired and it was swept): then nothing is changed.
 */
export async function recordOutcome({
  ctx,
  job,
  outcome,
  exchange = {},
  random = Math.random,
}: {
  ctx: { db: Db; now: Date };
  job: Pick<ClaimedJob, 'id' | 'claimToken' | 'attempt' | 'action'>;
  outcome: JobOutcome;
  exchange?: Exchange;
  random?: () => number;
}): Promise<boolean> {
  const now = ctx.now.toISOString();
  const attempt = (result: string, code: string | null, message: string | null) => attemptOf(ctx.now, exchange, result, code, message);
  const base = { jobId: job.id, claimToken: job.claimToken, now };
  switch (outcome.kind) {
    case 'synced':
      return recordSynced(ctx.db, {
        ...base,
        qbId: outcome.qbId,
        qbLock: outcome.qbLock ?? null,
        message: outcome.message ?? null,
        removeMapping: job.action === 'delete',
        attempt: attempt('synced', null, outcome.message ?? null),
      });
    case 'failed': {
      const exhausted = outcome.retryable && job.attempt >= MAX_ATTEMPTS;
      const message = exhausted ? `${outcome.message} (gave up after ${job.attempt} attempts; requeue to try again)` : outcome.message;
      return recordUnsynced(ctx.db, {
        ...base,
        state: 'failed',
        retryable: outcome.retryable && !exhausted,
        runAfter: outcome.retryable ? ctx.now.getTime() + retryDelayMs(job.attempt, random) : 0,
        code: outcome.code,
        message,
        inDoubt: false,
        attempt: attempt('failed', outcome.code, message),
      });
    }
    case 'held':
      return recordUnsynced(ctx.db, {
        ...base,
        state: 'held',
        retryable: false,
        runAfter: 0,
        code: outcome.code,
        message: outcome.message,
        inDoubt: false,
        attempt: attempt('held', outcome.code, outcome.message),
      });
    case 'unknown':
      return recordUnsynced(ctx.db, {
        ...base,
        state: 'queued',
        retryable: false,
        runAfter: ctx.now.getTime() + retryDelayMs(job.attempt, random),
        code: outcome.code,
        message: outcome.message,
        inDoubt: true,
        attempt: attempt('unknown', outcome.code, outcome.message),
      });
    case 'waiting':
      return recordWaiting(ctx.db, {
        ...base,
        message: outcome.message,
        dependencies: outcome.dependencies.map((d) => [d.kind, d.id]),
        attempt: attempt('waiting', 'WAITING_FOR_DEPENDENCY', outcome.message),
      });
  }
}

/**
 * Records one write of a job that takes more than one (a credit memo, then its application to
 * invoices): the attempt goes into the log under `label` and the job stays claimed for its next
 * write; `mapping` when the write put the record itself into QuickBooks (id map; the job's version
 * unless `mapping.version` names the earlier one that write carried).
 * Returns false when the claim was lost meanwhile: then nothing is changed and the job must stop.
 */
export async function recordStep({
  ctx,
  job,
  label,
  message,
  mapping = null,
  exchange = {},
}: {
  ctx: { db: Db; now: Date };
  job: Pick<ClaimedJob, 'id' | 'claimToken'>;
  label: string;
  message: string;
  mapping?: { qbId: string; qbLock: string | null; version?: number } | null;
  exchange?: Exchange;
}): Promise<boolean> {
  const now = ctx.now.toISOString();
  return writeStep(ctx.db, {
    jobId: job.id,
    claimToken: job.claimToken,
    now,
    message,
    mapping,
    attempt: attemptOf(ctx.now, exchange, label, null, message),
  });
}

/** The attempt row of one exchange with QuickBooks, finished now. */
function attemptOf(now: Date, exchange: Exchange, result: string, code: string | null, message: string | null): AttemptWrite {
  return {
    startedAt: (exchange.startedAt ?? now).toISOString(),
    finishedAt: now.toISOString(),
    outcome: result,
    code,
    message,
    requestExcerpt: excerpt(exchange.request),
    responseExcerpt: excerpt(exchange.response),
  };
}
