import type { Db } from '../../db/client';
import { claimQbdReconRequests, failQbdReconRequest, storeQbdReconSnapshot } from '../../db/qbd-recon-requests';
import { readReconAnswers } from '../qbxml/report-answers';
import { parseReportRequestId, RECON_PARTS, reconReportRequests, type ReconPart } from '../qbxml/reports';
import type { QbResponse } from '../qbxml/response';
import type { Inflight } from './inflight';

type Ctx = { db: Db; now: Date };
export type ReportsInFlight = Inflight['reports'];

/**
 * The report queries of pending reconciliation requests, claimed for this session: sent once the
 * session has no job left to send, so QuickBooks' figures include everything this run synced.
 */
export async function claimReportQueries(ctx: Ctx, a: { companyId: string; ticket: string; maxRequests: number }): Promise<{ reports: ReportsInFlight; xml: string[] }> {
  const limit = Math.floor(a.maxRequests / RECON_PARTS.length);
  if (limit < 1) return { reports: [], xml: [] };
  const rows = await claimQbdReconRequests(ctx.db, { companyId: a.companyId, ticket: a.ticket, limit, now: ctx.now.toISOString() });
  return {
    reports: rows.map((r) => ({ asOf: r.asOf, yearStart: r.yearStart })),
    xml: rows.flatMap((r) => reconReportRequests(r.asOf, r.yearStart).map((q) => q.xml)),
  };
}

/** Stores each report date's snapshot, or the reason QuickBooks gave none. */
export async function applyReportAnswers(ctx: Ctx, a: { companyId: string; ticket: string; reports: ReportsInFlight; responses: QbResponse[] }): Promise<void> {
  const now = ctx.now.toISOString();
  for (const { asOf, yearStart } of a.reports) {
    const answers: Partial<Record<ReconPart, QbResponse>> = {};
    for (const rs of a.responses) {
      const id = parseReportRequestId(rs.requestId);
      if (id?.asOf === asOf) answers[id.part] = rs;
    }
    const read = readReconAnswers({ asOf, yearStart, answers });
    if (read.ok) {
      await storeQbdReconSnapshot(ctx.db, { companyId: a.companyId, asOf, ticket: a.ticket, snapshot: JSON.stringify(read.value), readRequests: read.value.reads.length, now });
    } else {
      await failQbdReconRequest(ctx.db, { companyId: a.companyId, asOf, ticket: a.ticket, error: read.error.message, now });
    }
  }
}

/** QuickBooks could not parse the message: asking again would fail the same way, so the requests fail. */
export async function failReportQueries(ctx: Ctx, a: { companyId: string; ticket: string; reports: ReportsInFlight; error: string }): Promise<void> {
  for (const { asOf } of a.reports) {
    await failQbdReconRequest(ctx.db, { companyId: a.companyId, asOf, ticket: a.ticket, error: a.error, now: ctx.now.toISOString() });
  }
}
