import { adoptReceivablesAccount } from './resolve-fault';
import { findCreditApplications } from '../../db/qbo-credit-applications';
import { findEarlierSentRequests, findSentRequests, releaseUnsentJobs, type StoredRequest } from '../../db/qbo-requests';
import type { RecordKind } from '../../db/schema/enums';
import { recordKindSpecs } from '../../ledger';
import { claimJobs, lookupQuickBooksIds, recordKey, type ClaimedJob } from '../../queue';
import { findRefundLinksOfPayments } from '../../db/qbo-refund-links';
import { needsApplication, needsRefundLink, planCreditMemoWrite, planRefundWrite, planWrite, qboEntityOf, type QboSettings, type StoredApplication, type StoredRefundLink, type WritePlan } from '../mappers';
import { batchRequestId, bIdOf, singleRequestId } from './ids';
import { record, type PlannedJob, type SendCtx } from './context';
import { sendRequest } from './send';
import { loadRefundLinks } from './refund-link';
import { settleByLooking } from './settle-doubt';
import { writePath } from './transport';
import { mapTaxItem, syncTaxCode } from './tax';

export const BATCH_SIZE = 30;
const CLAIM_LIMIT = BATCH_SIZE * 10;

export interface DrainCtx extends SendCtx {
  deadline: number;
  /** Claim lease: a run killed mid-batch leaves its claims to the sweep after this long. */
  leaseMs?: number;
  /** How long after a send its requestid is trusted for a replay (Intuit documents no window, §2.3). */
  replayWindowMs: number;
}

const stopped = (ctx: DrainCtx) => ctx.throttled || ctx.connectionLost || ctx.clock() >= ctx.deadline;

/**
 * Drains one company's ready QBO jobs until none are left, the time box runs out, QBO throttles
 * us or the connection fails; whatever is not sent stays queued for the next run.
 */
export async function drainCompany(ctx: DrainCtx): Promise<void> {
  while (!stopped(ctx)) {
    const jobs = await claimJobs({ ctx: { db: ctx.db, now: new Date(ctx.clock()) }, companyId: ctx.companyId, target: 'qbo', limit: CLAIM_LIMIT, leaseMs: ctx.leaseMs });
    if (jobs.length === 0) return;
    const unsent = await sendClaimed(ctx, jobs);
    await releaseUnsentJobs(ctx.db, {
      companyId: ctx.companyId,
      claims: unsent,
      now: new Date(ctx.clock()).toISOString(),
      code: ctx.throttled ? 'QBO_THROTTLED' : 'QBO_RUN_ENDED',
      message: ctx.throttled ? 'QuickBooks Online throttled this run; left for the next one' : 'Not sent in this run; left for the next one',
    });
  }
}

/** Credit memo applications QBO holds for the credit memo jobs among these. */
async function applicationsOf(ctx: DrainCtx, jobs: ClaimedJob[]): Promise<Map<string, StoredApplication>> {
  const memos = jobs.filter((j) => j.kind === 'credit_memo').map((j) => j.sourceId);
  return memos.length ? findCreditApplications(ctx.db, ctx.companyId, memos) : new Map();
}

/**
 * The plan a stored request was sent for, rebuilt from its body (a credit memo's item may be its
 * application, a refund's its link: a Payment removed while QBO still had the stored link, else made).
 */
function replayedPlan(job: ClaimedJob, body: any, item: any, applied: StoredApplication | undefined, linked: StoredRefundLink | undefined): WritePlan {
  const entity = qboEntityOf[job.kind];
  if (!item) return { entity, operation: job.kind === 'sales_tax_item' ? 'taxcode' : 'create', body, batchable: false };
  if (job.kind === 'refund' && item.Payment) {
    const step = item.operation === 'delete' || (item.operation === 'update' && linked) ? 'unlink' : 'link';
    return { entity: 'Payment', operation: item.operation, body: item.Payment, batchable: true, step, continues: step === 'unlink' };
  }
  if (job.kind === 'refund') {
    const continues = needsRefundLink(job, linked);
    return { entity, operation: item.operation, body: item[entity], batchable: true, ...(continues && { continues }) };
  }
  if (job.kind === 'credit_memo' && item.Payment) {
    const step = item.operation === 'delete' ? 'unapply' : 'apply';
    return { entity: 'Payment', operation: item.operation, body: item.Payment, batchable: true, step, continues: step === 'unapply' };
  }
  // As planned: a memo written without an application in QBO yet is followed by its application.
  const continues = job.kind === 'credit_memo' && needsApplication(job, applied);
  return { entity, operation: item.operation, body: item[entity], batchable: true, ...(continues && { continues }) };
}

/**
 * Replays in-doubt jobs' stored requests, then sends the rest in dependency rounds; a job with a
 * further write (a credit memo's application) joins the round after the one its write went in.
 * Returns unsent jobs.
 */
async function sendClaimed(ctx: DrainCtx, jobs: ClaimedJob[]): Promise<ClaimedJob[]> {
  const doubtful = jobs.filter((j) => j.inDoubt);
  const stored = await findSentRequests(ctx.db, ctx.companyId, doubtful.map((j) => j.id));
  const earlier = await findEarlierSentRequests(ctx.db, ctx.companyId, doubtful.filter((j) => !stored.has(j.id)).map((j) => j.id));
  const applied = await applicationsOf(ctx, doubtful);
  const { linked } = await loadRefundLinks(ctx, doubtful);
  const replays = new Map<string, { path: string; body: string; group: PlannedJob[] }>();
  const looks: PlannedJob[] = [];
  // Within minutes QBO still knows the requestid and replays the first answer; later it may have
  // forgotten it (and would do the write again): then QBO is looked in first.
  const settle = (s: StoredRequest, pj: PlannedJob) => {
    if (ctx.clock() - Date.parse(s.createdAt) > ctx.replayWindowMs) return void looks.push(pj);
    replays.set(s.requestId, { path: s.path, body: s.body, group: [...(replays.get(s.requestId)?.group ?? []), { ...pj, replay: true }] });
  };
  for (const job of jobs) {
    const s = stored.get(job.id) ?? earlier.get(job.id);
    if (!s) continue;
    const body = JSON.parse(s.body);
    const item = s.bId ? body.BatchItemRequest?.find((i: any) => i.bId === s.bId) : null;
    const plan = replayedPlan(job, body, item, applied.get(job.sourceId), linked.get(job.sourceId));
    if (stored.has(job.id)) settle(s, { job, plan });
    // An earlier version's batched create or update (or its credit application) is settled to learn
    // what it did; other earlier sends (deletes, tax codes) are left to this version's own plan.
    else if (item && (plan.step || item.operation === 'create' || item.operation === 'update')) {
      const e = earlier.get(job.id)!;
      settle(s, { job, plan: { ...plan, continues: undefined, earlier: { jobId: e.earlierJobId, version: e.earlierVersion } }, bId: e.bId ?? undefined });
    }
  }
  const settling = new Set([...[...replays.values()].flatMap((r) => r.group), ...looks].map((pj) => pj.job.id));
  const unsent: ClaimedJob[] = [];
  for (const [requestId, { path, body, group }] of replays) {
    if (stopped(ctx)) {
      unsent.push(...group.map((g) => g.job));
      continue;
    }
    unsent.push(...(await sendRequest(ctx, group, requestId, path, JSON.parse(body), path === '/batch')));
  }
  // Replays QBO answered with a fault (and sends too old to replay) are looked up in QBO.
  const lookUp = async (extra: PlannedJob[] = []) => {
    const looked = await settleByLooking(ctx, [...extra, ...ctx.lookups.splice(0)], () => stopped(ctx));
    unsent.push(...looked.unsent);
    return looked.next;
  };
  let pending = [...jobs.filter((j) => !settling.has(j.id)), ...(await lookUp(looks)), ...ctx.followUps.splice(0)];
  while (pending.length > 0) {
    if (stopped(ctx)) return [...unsent, ...pending, ...ctx.lookups.splice(0).map((pj) => pj.job)];
    const { ready, next } = await planRound(ctx, pending);
    unsent.push(...(await sendRound(ctx, ready)));
    pending = [...next, ...(await lookUp()), ...ctx.followUps.splice(0)];
  }
  return unsent;
}

function referencesOf(job: ClaimedJob, settings: QboSettings) {
  const refs = job.action === 'upsert' ? recordKindSpecs[job.kind].references(job.data).map((r) => ({ kind: r.kind, id: r.id })) : [];
  if (job.kind === 'payment' && settings.undepositedFundsAccount) refs.push({ kind: 'account', id: settings.undepositedFundsAccount });
  if (job.kind === 'refund' && settings.arAccount) refs.push({ kind: 'account', id: settings.arAccount });
  return refs;
}

/** Jobs whose references are all in QBO go now; those waiting on a job in this claim go next round. */
async function planRound(ctx: DrainCtx, pending: ClaimedJob[]) {
  const refs = pending.flatMap((j) => referencesOf(j, ctx.settings));
  const map = await lookupQuickBooksIds({ ctx: { db: ctx.db }, companyId: ctx.companyId, target: 'qbo', records: refs });
  const lookup = (kind: RecordKind, id: string) => map.get(recordKey(kind, id))?.qbId;
  const inClaim = new Set(pending.map((j) => recordKey(j.kind, j.sourceId)));
  const applied = await applicationsOf(ctx, pending);
  const refunds = await loadRefundLinks(ctx, pending);
  const paymentIds = pending.filter((j) => j.kind === 'payment' && j.action === 'upsert').map((j) => j.sourceId);
  const refundLinks = await findRefundLinksOfPayments(ctx.db, ctx.companyId, paymentIds);
  const ready: PlannedJob[] = [];
  const deferred: ClaimedJob[] = [];
  // One write per QBO Payment per round: two in one batch would meet each other's SyncToken.
  const paymentsWritten = new Set<string>();
  for (const job of pending) {
    const plan =
      job.kind === 'credit_memo'
        ? planCreditMemoWrite(job, lookup, ctx.settings, applied.get(job.sourceId), ctx.written.has(job.id))
        : job.kind === 'refund'
          ? planRefundWrite(job, lookup, ctx.settings, refunds.linked.get(job.sourceId), refunds.overpaymentsFor(job.sourceId), ctx.written.has(job.id))
          : planWrite(job, lookup, ctx.settings, { refundLinks: refundLinks.get(job.sourceId) });
    if (plan.ok) {
      const payment = plan.value !== 'done' && plan.value.entity === 'Payment' && plan.value.operation === 'update' ? String(plan.value.body.Id) : null;
      if (payment && paymentsWritten.has(payment)) deferred.push(job);
      else if (plan.value !== 'done') {
        if (payment) paymentsWritten.add(payment);
        ready.push({ job, plan: plan.value });
      } else {
        const what = job.kind === 'refund' ? 'refund and its link to the credit it pays out' : 'credit memo and its application to invoices';
        await record(ctx, job, { kind: 'synced', qbId: job.existing?.qbId ?? null, message: `QuickBooks Online already holds this version of the ${what}.` });
      }
    } else if (plan.error.reason === 'unsupported') await record(ctx, job, { kind: 'held', code: plan.error.code, message: plan.error.message });
    else if (plan.error.refs.every((r) => inClaim.has(recordKey(r.kind, r.id)))) deferred.push(job);
    else {
      const missing = plan.error.refs;
      const names = missing.map((r) => `${recordKindSpecs[r.kind].label} ${r.id} (${r.field})`).join(', ');
      await record(ctx, job, { kind: 'waiting', message: `Waits for ${names} to reach QuickBooks Online`, dependencies: missing.map((r) => ({ kind: r.kind, id: r.id })) });
    }
  }
  // Nothing ready but something deferred would loop forever (a reference cycle): let them wait.
  if (ready.length === 0) {
    for (const job of deferred) await record(ctx, job, { kind: 'waiting', message: 'Waits for records in the same run that could not be sent', dependencies: referencesOf(job, ctx.settings) });
    return { ready, next: [] };
  }
  return { ready, next: deferred };
}

async function sendRound(ctx: DrainCtx, ready: PlannedJob[]): Promise<ClaimedJob[]> {
  const batchable = ready.filter((pj) => pj.plan.batchable);
  const singles = ready.filter((pj) => !pj.plan.batchable);
  const chunks: PlannedJob[][] = [];
  for (let i = 0; i < batchable.length; i += BATCH_SIZE) chunks.push(batchable.slice(i, i + BATCH_SIZE));
  // Batches of one round are independent, so they go concurrently; the limiter caps in-flight calls.
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      if (ctx.throttled) return chunk.map((pj) => pj.job);
      const body = { BatchItemRequest: chunk.map((pj) => ({ bId: bIdOf(pj.job.id), operation: pj.plan.operation, [pj.plan.entity]: pj.plan.body })) };
      // An application write is the job's second request in this claim.
      const keys = chunk.map((pj) => ({ ...pj.job, step: pj.plan.step }));
      return sendRequest(ctx, chunk, await batchRequestId(keys), '/batch', body, true);
    }),
  );
  const unsent = results.flat();
  for (const pj of singles) {
    if (stopped(ctx)) {
      unsent.push(pj.job);
      continue;
    }
    if (pj.plan.operation === 'taxcode') await record(ctx, pj.job, await syncTaxCode(ctx, pj));
    else if (pj.plan.operation === 'taxmap') await record(ctx, pj.job, await mapTaxItem(ctx, pj, ctx.settings));
    else if (pj.plan.operation === 'adopt') await record(ctx, pj.job, await adoptReceivablesAccount(ctx, pj));
    else unsent.push(...(await sendRequest(ctx, [pj], singleRequestId(pj.job), writePath(pj.plan), pj.plan.body, false)));
  }
  return unsent;
}
