import { recordOutcome, type ClaimedJob, type JobOutcome } from '../../queue';
import type { Db } from '../../db/client';
import type { QboApi } from '../api/client';
import type { QboSettings, WritePlan } from '../mappers';

export interface SendCtx {
  db: Db;
  api: QboApi;
  companyId: string;
  /** The company's settings and QBO tax mode, as the run read them. */
  settings: QboSettings;
  clock: () => number;
  /** Set when QBO throttled us: the run stops and leaves the rest for next time. */
  throttled: boolean;
  /** Set when the connection itself failed (401 after a refresh). */
  connectionLost: boolean;
  counts: { synced: number; failed: number; held: number; waiting: number; unknown: number };
  /** Jobs left in doubt: their stored requests must be kept for the replay. */
  inDoubt: Set<number>;
  /** Jobs whose write succeeded and that have another to send in the next round (a credit memo's application). */
  followUps: ClaimedJob[];
  /** Jobs whose record itself was written in this run (a credit memo, before its application). */
  written: Set<number>;
  /** Replays QBO answered with a fault: never final, the job is looked up in QBO instead. */
  lookups: PlannedJob[];
  /** Short QBO lists (accounts, terms, tax agencies) read once in this run, for look-ups by name. */
  lists?: Map<string, Promise<Record<string, any>[] | null>>;
}

export interface PlannedJob {
  job: ClaimedJob;
  plan: WritePlan;
  /** The batch item id, when replaying a request another (earlier) job rode in. */
  bId?: string;
  /** A stored request sent again with its requestid to learn what the first send did. */
  replay?: boolean;
}

/** The run's clock as a Date, for the queue's verbs. */
export const now = (ctx: SendCtx) => new Date(ctx.clock());

export async function record(ctx: SendCtx, job: ClaimedJob, outcome: JobOutcome, exchange: { request?: string; response?: string } = {}) {
  await recordOutcome({ ctx: { db: ctx.db, now: now(ctx) }, job, outcome, exchange });
  ctx.counts[outcome.kind] += 1;
  if (outcome.kind === 'unknown') ctx.inDoubt.add(job.id);
}
