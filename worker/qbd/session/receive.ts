import { findCompany } from '../../db/companies';
import type { Db } from '../../db/client';
import { updateQbdSession } from '../../db/qbd-sessions';
import type { CompanySettings } from '../../companies';
import type { AccountInput } from '../../ledger';
import { countPendingQbdRecon } from '../../db/qbd-recon-requests';
import { countReadyJobs, forgetDeletedRecord, makeInDoubtJobsDue, type ClaimedJob } from '../../queue';
import { reportRequestId, RECON_PARTS } from '../qbxml/reports';
import { parseQbxmlResponse, type QbResponse } from '../qbxml/response';
import { SESSION_TTL_MS } from './authenticate';
import { refundedFromCredits } from '../../db/records';
import { applyAdopt, applyLookup, applyReplace, applyReread, applyTopUp, applyWrite, type Next } from './apply';
import { emptyInflight, readInflight, settleInDoubt, type Inflight } from './inflight';
import { loadOpenSession } from './load';
import { redecideMissing, type Answered } from './missing';
import { settle } from './outcomes';
import { resolveRefs } from './refs';
import { applyReportAnswers, failReportQueries } from './reports';

type Ctx = { db: Db; now: Date };

/** receiveResponseXML's answer when the session must stop (QBWC then calls getLastError). */
export const RECEIVE_STOP = -1;
export const HRESULT_PARSE_ERROR = '0x80040400';

export interface ReceiveInput {
  ticket: string;
  response: string;
  hresult: string;
  message: string;
}

const cleared = (inflight: Inflight): Inflight => ({ ...emptyInflight(), rereads: inflight.rereads });

/**
 * receiveResponseXML: applies every response to its job (by requestID) and answers the true
 * percentage of this session's work done; 100 when nothing is left, negative to stop.
 */
export async function receiveResponses({ ctx, input }: { ctx: Ctx; input: ReceiveInput }): Promise<number> {
  const session = await loadOpenSession(ctx, input.ticket);
  if (!session) return RECEIVE_STOP;
  const now = ctx.now.toISOString();
  const stop = async (message: string, inflight: Inflight) => {
    await updateQbdSession(ctx.db, { ticket: session.ticket, from: session.awaiting, patch: { lastError: message, awaiting: 'send', inflight: JSON.stringify(inflight) }, now });
    return RECEIVE_STOP;
  };
  const inflight = readInflight(session.inflight);
  if (session.awaiting !== 'receive') return stop('Out-of-order call: receiveResponseXML came when no request was in flight; nothing was changed.', inflight);

  const hresult = input.hresult.trim();
  if (hresult) {
    if (hresult.toLowerCase() === HRESULT_PARSE_ERROR) {
      // QuickBooks ran nothing: the message itself is at fault (a Sharper bug), not the records.
      const msg = `QuickBooks could not parse the message Sharper sent (${hresult}: ${input.message}). This is a problem in Sharper, not in your data; requeue after Sharper is fixed.`;
      await Promise.all(Object.values(inflight.jobs).map((job) => settle(ctx, job, { kind: 'failed', code: hresult, retryable: false, message: msg })));
      await failReportQueries(ctx, { companyId: session.companyId, ticket: session.ticket, reports: inflight.reports, error: msg });
      return stop(msg, cleared(inflight));
    }
    const n = await settleInDoubt(ctx, session.companyId, inflight, `The Web Connector reported a connection problem (${hresult}: ${input.message}); Sharper checks QuickBooks for this before sending it again.`);
    return stop(`QuickBooks could not process the request: ${hresult} ${input.message}. This is a connection problem, not a data problem: the ${n} records in flight will be checked in QuickBooks and sent on the next run.`, cleared(inflight));
  }

  const parsed = parseQbxmlResponse(input.response);
  if (!parsed.ok) {
    const n = await settleInDoubt(ctx, session.companyId, inflight, 'The answer from QuickBooks could not be read; Sharper checks QuickBooks for this before sending it again.');
    return stop(`The answer from QuickBooks could not be read (${parsed.error.reason}); the ${n} records in flight will be checked in QuickBooks on the next run.`, cleared(inflight));
  }
  const next = await applyAll(ctx, session.companyId, inflight, parsed.value, input.response);
  const { reports } = inflight;
  if (reports.length) await applyReportAnswers(ctx, { companyId: session.companyId, ticket: session.ticket, reports, responses: parsed.value });
  const [open, reportsLeft] = await Promise.all([countReadyJobs({ ctx, companyId: session.companyId, target: 'qbd' }), countPendingQbdRecon(ctx.db, session.companyId, session.ticket)]);
  const carried = next.inflight.carry.length;
  // Waiting dependants count as work left (they travel with their dependencies), but only ready
  // jobs, follow-ups and report queries keep the session going: a dependant of something stuck is not "left".
  const done = session.workDone + next.finished;
  const left = open.ready + open.dependants + carried + reportsLeft;
  const percent = open.ready + carried + reportsLeft === 0 ? 100 : Math.min(99, Math.floor((done * 100) / (done + left)));
  const saved = await updateQbdSession(ctx.db, {
    ticket: session.ticket,
    from: 'receive',
    patch: { awaiting: 'send', workDone: done, inflight: JSON.stringify(next.inflight), expiresAt: ctx.now.getTime() + SESSION_TTL_MS, lastError: next.note },
    now,
  });
  return saved ? percent : RECEIVE_STOP;
}

async function applyAll(ctx: Ctx, companyId: string, inflight: Inflight, responses: QbResponse[], raw: string) {
  const byRequest = new Map(responses.map((r) => [r.requestId, r]));
  const known = new Set([
    ...inflight.sent.map((s) => s.requestId),
    ...inflight.reports.flatMap((r) => RECON_PARTS.map((part) => reportRequestId(r.asOf, part))),
  ]);
  const strangers = responses.filter((r) => !known.has(r.requestId)).map((r) => r.requestId || '(none)');
  // References are resolved only when an answer needs them: lookups, adopts, and 3140s (whose
  // ListID may name a record Sharper synced that QuickBooks no longer has).
  const needRefs = inflight.sent
    .filter((s) => s.purpose === 'lookup' || s.purpose === 'adopt' || (s.purpose === 'write' && byRequest.get(s.requestId)?.statusCode === 3140))
    .map((s) => inflight.jobs[s.jobId])
    .filter(Boolean);
  const company = needRefs.length ? await findCompany(ctx.db, companyId) : undefined;
  const refs = needRefs.length ? await resolveRefs(ctx, companyId, needRefs, JSON.parse(company?.settings ?? '{}') as CompanySettings) : null;
  const parentOf = (job: ClaimedJob) => (job.kind === 'account' && (job.data as AccountInput).parent ? (refs?.id('account', (job.data as AccountInput).parent!) ?? null) : null);

  // A changed credit memo's answer is checked against what refunds have used of its credit.
  const memoMods = inflight.sent.filter((s) => s.purpose === 'write' && inflight.jobs[s.jobId]?.kind === 'credit_memo' && inflight.jobs[s.jobId]?.existing);
  const refunded = memoMods.length ? await refundedFromCredits(ctx.db, companyId, 'qbd', memoMods.map((s) => inflight.jobs[s.jobId].sourceId)) : new Map<string, number>();

  const jobs = { ...inflight.jobs };
  const carry: Inflight['carry'] = [];
  const rereads = { ...inflight.rereads };
  const notes = { ...inflight.notes };
  const forget: { job: ClaimedJob; qbId: string }[] = [];
  const answered: Answered[] = [];
  const writes = new Set(inflight.sent.filter((s) => s.purpose === 'write').map((s) => s.jobId));
  for (const s of inflight.sent) {
    // A new credit memo's applications are answered together with its Add (see applyWrite).
    if (s.purpose === 'apply' && writes.has(s.jobId)) continue;
    const job = jobs[s.jobId];
    if (!job) continue;
    const rs = byRequest.get(s.requestId);
    let next: Next;
    if (!rs) {
      next = { outcome: { kind: 'unknown', code: 'QBD_NO_ANSWER', message: 'QuickBooks gave no answer for this request; Sharper checks QuickBooks for it before sending it again.' } };
    } else if (s.purpose === 'write') {
      next = applyWrite(job, rs, byRequest.get(s.requestId.replace(/\.w$/, '.p')), rereads[job.id] ?? 0, refunded.get(job.sourceId) ?? 0);
    } else if (s.purpose === 'lookup') {
      next = applyLookup(job, rs, refs!.guid(job.kind, job.sourceId), parentOf(job));
    } else if (s.purpose === 'apply') {
      next = applyTopUp(job, rs);
    } else if (s.purpose === 'replace') {
      next = applyReplace(job, rs);
    } else if (s.purpose === 'adopt') {
      next = applyAdopt(job, rs, refs!.guid(job.kind, job.sourceId), parentOf(job));
    } else {
      next = applyReread(job, rs);
    }
    if ('outcome' in next) {
      const note = notes[job.id];
      const outcome = note && next.outcome.kind !== 'waiting' ? { ...next.outcome, message: [note, next.outcome.message].filter(Boolean).join(' ') } : next.outcome;
      answered.push({ job, rs: s.purpose === 'write' ? rs : undefined, uses: s.uses ?? [], outcome });
      delete jobs[job.id];
      delete notes[job.id];
    } else {
      if (next.followUp === 'reread') rereads[job.id] = (rereads[job.id] ?? 0) + 1;
      if (next.note) notes[job.id] = next.note;
      if (next.forgetQbId) forget.push({ job, qbId: next.forgetQbId });
      if (next.job) jobs[job.id] = next.job;
      carry.push({ jobId: job.id, purpose: next.followUp });
    }
  }
  // Deleted in QuickBooks: forgotten before the next message is built, so what refers to them
  // goes by the name or macro of the Add that re-creates them.
  await Promise.all(forget.map((f) => forgetDeletedRecord({ ctx, companyId, target: 'qbd', kind: f.job.kind, sourceId: f.job.sourceId, qbId: f.qbId })));
  const synced = new Set(answered.filter((a) => a.outcome.kind === 'synced').map((a) => a.job.id));
  await redecideMissing(ctx, companyId, answered, synced, refs?.owner ?? null);
  const excerpt = raw.length > 4000 ? undefined : raw;
  await Promise.all(answered.map((a) => settle(ctx, a.job, a.outcome, { response: excerpt })));
  const lost = answered.filter((a) => a.outcome.kind === 'unknown').map((a) => a.job);
  await makeInDoubtJobsDue({ ctx, companyId, target: 'qbd', jobIds: lost.map((j) => j.id) });
  const note = strangers.length ? `Ignored ${strangers.length} answer(s) with request ids this session never sent: ${strangers.slice(0, 5).join(', ')}.` : null;
  return { finished: answered.length, inflight: { ...emptyInflight(), jobs, carry, rereads, notes } satisfies Inflight, note };
}
