import { forgetSentRequests } from '../../db/qbo-requests';
import { recordStep, type ClaimedJob } from '../../queue';
import { now, record, type PlannedJob, type SendCtx } from './context';
import { lookInQuickBooks, prefetchLookups } from './look-first';
import { applyItem } from './send';

/**
 * Settles jobs whose last send got no answer by looking in QBO (not by its requestid): what it
 * finds is taken as that send's answer; when QBO has nothing, the send never landed and the job
 * goes again. Returns the jobs to plan and send in this run's rounds.
 */
export async function settleByLooking(ctx: SendCtx, looks: PlannedJob[], stopped: () => boolean): Promise<{ next: ClaimedJob[]; unsent: ClaimedJob[] }> {
  const next: ClaimedJob[] = [];
  const unsent: ClaimedJob[] = [];
  const prefetched = looks.length > 1 && !stopped() ? await prefetchLookups(ctx, looks.map((pj) => pj.plan)) : undefined;
  for (const pj of looks) {
    if (stopped()) {
      unsent.push(pj.job);
      continue;
    }
    const plan = { ...pj, replay: false };
    const look = await lookInQuickBooks(ctx, pj.plan, prefetched);
    const forget = () => forgetSentRequests(ctx.db, ctx.companyId, pj.plan.earlier ? [pj.job.id, pj.plan.earlier.jobId] : [pj.job.id]);
    if (look.kind === 'unreadable') {
      await record(ctx, pj.job, { kind: 'unknown', code: 'QBO_LOOKUP_FAILED', message: `Could not look in QuickBooks Online for what the last send did (${look.message}); it is looked up again before anything is re-sent` });
      continue;
    }
    if (look.kind === 'found') {
      await applyItem(ctx, plan, look.answer, `Looked up in QuickBooks Online after a lost answer: ${pj.plan.operation} of ${pj.plan.entity}`);
      if (!ctx.inDoubt.has(pj.job.id)) await forget();
      continue;
    }
    await forget();
    const why =
      look.kind === 'absent'
        ? `QuickBooks Online has no ${pj.plan.entity} from the send whose answer was lost: it never landed, so it goes again`
        : `The ${pj.plan.operation} whose answer was lost goes again (QuickBooks' SyncToken refuses it if it had landed)`;
    if (await recordStep({ ctx: { db: ctx.db, now: now(ctx) }, job: pj.job, label: 'step', message: why })) next.push(pj.job);
  }
  return { next, unsent };
}
