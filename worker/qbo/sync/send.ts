import { recordStep, type ClaimedJob, type JobOutcome } from '../../queue';
import { forgetSentRequests } from '../../db/qbo-requests';
import type { ApiResult } from '../api/client';
import { firstError, type QboError } from '../api/fault';
import { compareAnswer, describeDifferences, type AnswerDifference } from './answer-check';
import { now, record, type PlannedJob, type SendCtx } from './context';
import { applicationAnswered, applicationFault, continueAfterMemo } from './credit-application';
import { earlierAnswered, earlierRefused } from './earlier-version';
import { AUTH_REJECTED, classifyFault, isAuthFault } from './faults';
import { resolveMissingReference } from './missing-reference';
import { continueAfterJournalEntry, refundLinkAnswered, refundLinkFault } from './refund-link';
import { resolveFault } from './resolve-fault';
import { bIdFor, saveAndPost } from './transport';

/** Applies one entity answer or fault to one job. */
export async function applyItem(ctx: SendCtx, pj: PlannedJob, item: Record<string, any>, request: string): Promise<void> {
  const entity = item[pj.plan.entity] ?? (pj.plan.operation === 'taxcode' ? item : undefined);
  const response = JSON.stringify(item);
  if (item.Fault) {
    // A replayed requestid may be answered with a fault that says nothing of the first send (one
    // client library saw 6000): look in QBO instead (qbo-api.md §2.3).
    if (pj.replay) return void ctx.lookups.push(pj);
    const e: QboError = firstError({ type: item.Fault.type, errors: (item.Fault.Error ?? []).map((x: any) => ({ code: String(x.code), message: x.Message ?? '', detail: x.Detail ?? '', element: x.element })) });
    if (pj.plan.earlier) return earlierRefused(ctx, pj, e, { request, response });
    return applyFault(ctx, pj, e, request, response);
  }
  if (pj.plan.operation === 'taxcode') {
    return record(ctx, pj.job, { kind: 'synced', qbId: String(item.TaxCodeId), qbLock: '0' }, { request, response });
  }
  if (!entity?.Id && pj.plan.operation !== 'delete') {
    return record(ctx, pj.job, { kind: 'unknown', code: 'QBO_NO_ENTITY', message: 'QuickBooks answered without the entity; the request will be replayed' }, { request, response });
  }
  if (pj.plan.earlier) return earlierAnswered(ctx, pj, entity, { request, response });
  if (pj.plan.step) return (pj.job.kind === 'refund' ? refundLinkAnswered : applicationAnswered)(ctx, pj, entity, { request, response });
  const synced: JobOutcome = { kind: 'synced', qbId: entity?.Id ? String(entity.Id) : pj.job.existing?.qbId ?? null, qbLock: entity?.SyncToken ?? null };
  if (pj.plan.operation === 'create' || pj.plan.operation === 'update') {
    const diffs = compareAnswer(pj.plan.entity, pj.plan.body, entity);
    if (diffs.length > 0) return heldWithDifferences(ctx, pj, synced, diffs, { request, response });
  }
  return finish(ctx, pj, synced, { request, response });
}

/**
 * QuickBooks holds the record, but not with Sharper's figures: the id map learns it (a requeue
 * updates it, never creates another), and the job is held saying both figures and why.
 */
async function heldWithDifferences(ctx: SendCtx, pj: PlannedJob, synced: Extract<JobOutcome, { kind: 'synced' }>, diffs: AnswerDifference[], exchange: { request: string; response: string }): Promise<void> {
  const label = String((pj.job.data as { docNumber?: string }).docNumber ?? pj.job.sourceId);
  const message = describeDifferences(pj.plan.entity, label, diffs, ctx.settings.taxMode);
  const kept = await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job: pj.job, label: 'step', message: `Written to QuickBooks Online as ${pj.plan.entity} ${synced.qbId}`, mapping: { qbId: synced.qbId!, qbLock: synced.qbLock ?? null } });
  if (!kept) return;
  return record(ctx, pj.job, { kind: 'held', code: 'QBO_FIGURES_DIFFER', message }, exchange);
}

/** Records a job's outcome, unless the record is written and its next write follows (`continues`). */
async function finish(ctx: SendCtx, pj: PlannedJob, outcome: JobOutcome, exchange: { request?: string; response?: string }): Promise<void> {
  if (outcome.kind === 'synced' && pj.plan.continues) return (pj.job.kind === 'refund' ? continueAfterJournalEntry : continueAfterMemo)(ctx, pj, outcome, exchange);
  return record(ctx, pj.job, outcome, exchange);
}

export async function applyFault(ctx: SendCtx, pj: PlannedJob, e: QboError, request: string, response: string): Promise<void> {
  // The whole replay was refused (not its item): what the earlier send did is still unknown.
  if (pj.plan.earlier) {
    if (isAuthFault(e)) ctx.connectionLost = true;
    return record(ctx, pj.job, { kind: 'unknown', code: 'QBO_EARLIER_UNCHECKED', message: `Could not check what the earlier version's send did (QuickBooks Online ${e.code}: ${e.message}); it is checked again before this version goes` }, { request, response });
  }
  if (pj.plan.step) return (pj.job.kind === 'refund' ? refundLinkFault : applicationFault)(ctx, pj, e, { request, response });
  const action = classifyFault(e, pj.job, pj.plan.entity);
  if (action.reason === 'outcome' && action.outcome.kind === 'held' && action.outcome.code === 'INVALID_REFERENCE') {
    return record(ctx, pj.job, await resolveMissingReference(ctx, pj, e, action.outcome), { request, response });
  }
  if (action.reason === 'outcome') return record(ctx, pj.job, action.outcome, { request, response });
  if (action.reason === 'auth') {
    ctx.connectionLost = true;
    return record(ctx, pj.job, AUTH_REJECTED, { request, response });
  }
  const outcome = await resolveFault(ctx, pj, action.reason, e);
  return finish(ctx, pj, outcome, { request, response });
}

/** What to do with every job of a request that got no usable answer. */
async function applyFailure(ctx: SendCtx, jobs: PlannedJob[], res: Exclude<ApiResult, { kind: 'ok' }>, request: string) {
  if (res.kind === 'throttled') {
    ctx.throttled = true;
    // Not committed: the jobs go back to the queue untouched (the drain releases them).
    return jobs.map((j) => j.job);
  }
  if (res.kind === 'lost') {
    for (const pj of jobs) await record(ctx, pj.job, { kind: 'unknown', code: 'QBO_NO_ANSWER', message: `${res.message}; it will be re-sent with the same requestid` }, { request });
    return [];
  }
  const e = firstError(res.fault);
  if (res.status === 401) ctx.connectionLost = true;
  for (const pj of jobs) {
    if (pj.replay && !isAuthFault(e)) ctx.lookups.push(pj);
    else await applyFault(ctx, pj, e, request, res.text.slice(0, 2000));
  }
  return [];
}

/**
 * Sends one request (a batch of ≤30 or a single write), saving it first so a lost answer can be
 * replayed with the same requestid. Returns jobs that were not sent (throttled) for release.
 */
export async function sendRequest(ctx: SendCtx, jobs: PlannedJob[], requestId: string, path: string, body: unknown, batch: boolean): Promise<ClaimedJob[]> {
  const text = JSON.stringify(body);
  const res = await saveAndPost(ctx, jobs, requestId, path, body, batch);
  // An answer to the client's own retry is a replay too: a fault there says nothing of the first try.
  if (res.kind !== 'lost' && res.kind !== 'throttled' && res.retried) jobs = jobs.map((pj) => ({ ...pj, replay: true }));
  const byBId = new Map(jobs.map((pj) => [bIdFor(pj), pj]));
  if (res.kind !== 'ok') return applyFailure(ctx, jobs, res, text);
  if (batch) {
    const items: Record<string, any>[] = res.json.BatchItemResponse ?? [];
    const seen = new Set<string>();
    for (const item of items) {
      const pj = byBId.get(String(item.bId));
      if (!pj) continue;
      seen.add(String(item.bId));
      await applyItem(ctx, pj, item, JSON.stringify(bodyItem(body, item.bId)));
    }
    for (const [bId, pj] of byBId) {
      if (!seen.has(bId)) await record(ctx, pj.job, { kind: 'unknown', code: 'QBO_NO_ITEM', message: 'The batch answer did not mention this record; it will be replayed' }, { request: text });
    }
  } else {
    await applyItem(ctx, jobs[0], res.json, text);
  }
  // Settled jobs' stored requests go, in one batch — for a replayed earlier version, that job's too.
  const lookingUp = new Set(ctx.lookups.map((pj) => pj.job.id));
  const settled = jobs.filter((pj) => !ctx.inDoubt.has(pj.job.id) && !lookingUp.has(pj.job.id));
  await forgetSentRequests(ctx.db, ctx.companyId, settled.flatMap((pj) => (pj.plan.earlier ? [pj.job.id, pj.plan.earlier.jobId] : [pj.job.id])));
  return [];
}

const bodyItem = (body: any, bId: string) => body?.BatchItemRequest?.find((i: any) => i.bId === bId) ?? null;

