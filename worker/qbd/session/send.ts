import { findCompany } from '../../db/companies';
import type { Db } from '../../db/client';
import { bindQbdCompanyFile, findQbdConnection } from '../../db/qbd-connections';
import { updateQbdSession, type QbdSessionRow } from '../../db/qbd-sessions';
import type { CompanySettings } from '../../companies';
import { claimJobs, type ClaimedJob } from '../../queue';
import { buildJobRequests } from '../qbxml/build';
import { negotiateVersion, qbxmlMessage, versionText, type QbxmlVersion } from '../qbxml/message';
import type { QbRequest, RequestPurpose } from '../qbxml/types';
import { SESSION_TTL_MS } from './authenticate';
import { readHostReport, sameCompanyFile } from './hcp';
import { emptyInflight, readInflight, settleInDoubt, type Inflight } from './inflight';
import { loadOpenSession } from './load';
import { EarlierAdds } from './earlier';
import { buildErrorOutcome, settle } from './outcomes';
import { resolveRefs } from './refs';
import { claimReportQueries } from './reports';

/** Requests per message, and a size bound so one message never gets slow for QuickBooks. */
export const MAX_REQUESTS_PER_MESSAGE = 50;
export const MAX_MESSAGE_CHARS = 2 * 1024 * 1024;

export interface SendRequestInput {
  ticket: string;
  hcp: string;
  companyFile: string;
  country: string;
  major: number;
  minor: number;
}

type Ctx = { db: Db; now: Date };

/** Ends the session with a message QBWC will show (sendRequestXML "" → getLastError). */
async function refuse(ctx: Ctx, session: QbdSessionRow, message: string, patch: Partial<QbdSessionRow> = {}): Promise<string> {
  await updateQbdSession(ctx.db, { ticket: session.ticket, from: session.awaiting, patch: { ...patch, lastError: message, state: 'closed' }, now: ctx.now.toISOString() });
  return '';
}

/** First call of a session: pick the qbXML version and check (or bind) the company file. */
async function openExchange(ctx: Ctx, session: QbdSessionRow, input: SendRequestInput): Promise<QbxmlVersion | string> {
  const host = readHostReport(input.hcp);
  const reported = host.versions.length ? host.versions[host.versions.length - 1] : { major: input.major, minor: input.minor };
  const fromParams = { major: input.major, minor: input.minor };
  const hostMax = fromParams.major > 0 && (fromParams.major < reported.major || (fromParams.major === reported.major && fromParams.minor < reported.minor)) ? fromParams : reported;
  const version = negotiateVersion(hostMax);
  if (!version) return `This QuickBooks supports qbXML ${versionText(hostMax)}; Sharper needs 10.0 or newer (QuickBooks 2011 or later). Nothing was sent.`;
  const conn = await findQbdConnection(ctx.db, session.companyId);
  if (!conn) return 'The Web Connector connection for this company was removed. Nothing was sent.';
  if (!input.companyFile) return 'The Web Connector did not say which QuickBooks company file is open. Nothing was sent.';
  if (conn.boundFilePath && !sameCompanyFile(conn.boundFilePath, input.companyFile)) {
    return `Wrong QuickBooks company file: "${input.companyFile}" is open, but this Sharper company syncs with "${conn.boundFilePath}"${conn.boundCompanyName ? ` (${conn.boundCompanyName})` : ''}. Open that file in QuickBooks and run the update again. Nothing was sent.`;
  }
  if (!conn.boundFilePath) await bindQbdCompanyFile(ctx.db, { companyId: session.companyId, filePath: input.companyFile, companyName: host.companyName, now: ctx.now.toISOString() });
  return version;
}

/**
 * Builds one step for each job, in order; a job may refer to a record an earlier step adds (see
 * `EarlierAdds`). Jobs that cannot be sent are settled here and left out.
 */
async function buildSteps(ctx: Ctx, companyId: string, steps: { job: ClaimedJob; purpose: RequestPurpose }[], settings: CompanySettings, earlier: EarlierAdds) {
  const refs = await resolveRefs(ctx, companyId, steps.map((s) => s.job), settings, { forBuilding: true });
  const requests: QbRequest[] = [];
  const kept = new Set<number>();
  for (const { job, purpose } of steps) {
    const uses: NonNullable<QbRequest['uses']> = [];
    const built = buildJobRequests(job, earlier.refsFor(refs, settings.arAccount, uses), purpose);
    if (!built.ok) {
      await settle(ctx, job, buildErrorOutcome(job, built.error));
      continue;
    }
    if (built.value.length === 0) {
      await settle(ctx, job, { kind: 'synced', qbId: job.existing?.qbId ?? null, message: 'It was never in QuickBooks, so there was nothing to remove.' });
      continue;
    }
    requests.push(...built.value.map((r) => (uses.length ? { ...r, uses } : r)));
    kept.add(job.id);
    if (purpose === 'write') earlier.add(job);
  }
  return { requests, kept };
}

/** The first step for a freshly claimed job: an in-doubt Add is looked up before anything is sent. */
const firstStep = (job: ClaimedJob): RequestPurpose => (job.inDoubt && job.action === 'upsert' && !job.existing ? 'lookup' : 'write');

/**
 * sendRequestXML: one qbXML message of up to 50 requests — follow-ups from the last answer
 * first, then newly claimed jobs in dependency order; once no job is left, the report queries of
 * pending reconciliation requests. "" means nothing to send (see lastError).
 */
export async function sendRequests({ ctx, input, maxRequests = MAX_REQUESTS_PER_MESSAGE }: { ctx: Ctx; input: SendRequestInput; maxRequests?: number }): Promise<string> {
  const session = await loadOpenSession(ctx, input.ticket);
  if (!session) return '';
  let inflight = readInflight(session.inflight);
  if (session.awaiting === 'receive') {
    // QBWC asked for more work without answering the last message: that answer is lost.
    await settleInDoubt(ctx, session.companyId, inflight, 'The Web Connector asked for new work before answering; Sharper checks QuickBooks for this before sending it again.');
    return refuse(ctx, session, 'Out-of-order call: sendRequestXML came while an answer was still expected. The records in flight will be checked in QuickBooks on the next run.', { inflight: JSON.stringify(emptyInflight()) });
  }
  let version: QbxmlVersion;
  if (!session.qbxmlVersion) {
    const opened = await openExchange(ctx, session, input);
    if (typeof opened === 'string') return refuse(ctx, session, opened);
    version = opened;
  } else {
    const [major, minor] = session.qbxmlVersion.split('.').map(Number);
    version = { major, minor };
  }
  const company = await findCompany(ctx.db, session.companyId);
  const settings = JSON.parse(company?.settings ?? '{}') as CompanySettings;
  const { requests, inflight: next } = await collectRequests(ctx, session.companyId, inflight, settings, maxRequests);
  inflight = next;
  const patch = {
    qbxmlVersion: versionText(version),
    companyFile: session.companyFile ?? input.companyFile,
    country: session.country ?? input.country,
    expiresAt: ctx.now.getTime() + SESSION_TTL_MS,
  };
  if (requests.length === 0) {
    // Nothing (more) to write: now the reconciliation reports, so their figures include this run.
    const queries = await claimReportQueries(ctx, { companyId: session.companyId, ticket: session.ticket, maxRequests });
    if (queries.xml.length > 0) {
      inflight.reports = queries.reports;
      const saved = await updateQbdSession(ctx.db, {
        ticket: session.ticket,
        from: 'send',
        patch: { ...patch, awaiting: 'receive', roundTrips: session.roundTrips + 1, lastError: null, inflight: JSON.stringify(inflight) },
        now: ctx.now.toISOString(),
      });
      // A lost race leaves the requests `sent` by this ticket: the next session asks again.
      return saved ? qbxmlMessage(queries.xml, version) : '';
    }
    await updateQbdSession(ctx.db, { ticket: session.ticket, from: 'send', patch: { ...patch, lastError: 'Nothing left to send right now; records that need attention are listed in the sync log.', inflight: JSON.stringify(inflight) }, now: ctx.now.toISOString() });
    return '';
  }
  inflight.sent = requests.map((r) => ({ requestId: r.requestId, jobId: r.jobId, purpose: r.purpose, ...(r.uses && { uses: r.uses }) }));
  const saved = await updateQbdSession(ctx.db, {
    ticket: session.ticket,
    from: 'send',
    patch: { ...patch, awaiting: 'receive', roundTrips: session.roundTrips + 1, lastError: null, inflight: JSON.stringify(inflight) },
    now: ctx.now.toISOString(),
  });
  if (!saved) {
    await settleInDoubt(ctx, session.companyId, { ...inflight, sent: [] }, 'Two Web Connector calls raced on one session; Sharper checks QuickBooks for this before sending it again.');
    return '';
  }
  return qbxmlMessage(requests.map((r) => r.xml), version);
}

/**
 * Carried follow-ups, then new claims (with the waiting jobs whose dependencies are claimed with
 * them, placed after those), until `maxRequests` or the size bound. Once one request does not fit,
 * everything after it waits for the next message too, so a request never names an Add that was
 * left out.
 */
async function collectRequests(ctx: Ctx, companyId: string, inflight: Inflight, settings: CompanySettings, maxRequests: number) {
  const steps = inflight.carry.map((c) => ({ job: inflight.jobs[c.jobId], purpose: c.purpose })).filter((s) => s.job);
  const requests: QbRequest[] = [];
  const jobs: Record<string, ClaimedJob> = {};
  const earlier = new EarlierAdds();
  let carry: Inflight['carry'] = [];
  for (let round = 0; round < 3 && requests.length < maxRequests && carry.length === 0; round++) {
    const room = maxRequests - requests.length - steps.length;
    if (room > 0) {
      const claimed = await claimJobs({ ctx, companyId, target: 'qbd', limit: room, withDependants: true });
      steps.push(...claimed.map((job) => ({ job, purpose: firstStep(job) })));
    }
    if (steps.length === 0) break;
    const batch = steps.splice(0);
    const byId = new Map(batch.map((s) => [s.job.id, s]));
    const built = await buildSteps(ctx, companyId, batch, settings, earlier);
    let size = requests.reduce((n, r) => n + r.xml.length, 0);
    for (const r of built.requests) {
      const step = byId.get(r.jobId)!;
      jobs[r.jobId] = step.job;
      if (carry.length > 0 || requests.length >= maxRequests || size + r.xml.length > MAX_MESSAGE_CHARS) {
        // The step goes again whole next time (a write with its apply, a lone top-up as itself).
        if (!carry.some((c) => c.jobId === r.jobId)) carry.push({ jobId: r.jobId, purpose: step.purpose });
        continue;
      }
      requests.push(r);
      size += r.xml.length;
    }
  }
  // A job whose request was deferred must not have half of its requests (write + apply) sent.
  const deferred = new Set(carry.map((c) => c.jobId));
  const sendable = requests.filter((r) => !deferred.has(r.jobId));
  return { requests: sendable, inflight: { ...emptyInflight(), jobs, carry, rereads: inflight.rereads, notes: inflight.notes } satisfies Inflight };
}
