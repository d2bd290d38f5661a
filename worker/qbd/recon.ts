import type { Db } from '../db/client';
import { findQbdConnection } from '../db/qbd-connections';
import { findQbdReconRequest, insertQbdReconRequest, renewQbdReconRequest } from '../db/qbd-recon-requests';
import { latestQbdSession } from '../db/qbd-sessions';
import { ServiceError } from '../shared/errors';
import type { QbdReconSnapshot } from './qbxml/report-answers';

export type QbdReconFigures =
  | { state: 'fetched'; snapshot: QbdReconSnapshot; requestedAt: string; fetchedAt: string; readRequests: number }
  | { state: 'requested'; requestedAt: string; sentAt: string | null; lastWebConnectorContact: string | null }
  | { state: 'failed'; requestedAt: string; error: string; lastWebConnectorContact: string | null };

/**
 * QuickBooks Desktop's figures as of a date, for a reconciliation. QuickBooks is only reachable
 * when the Web Connector calls, so the first ask records a request (once: asking again changes
 * nothing) and the next Web Connector run fetches the reports. `refresh` asks again for figures
 * already fetched or refused.
 */
export async function qbdReconFigures({ ctx, companyId, asOf, yearStart, refresh = false }: { ctx: { db: Db; now: Date }; companyId: string; asOf: string; yearStart: string; refresh?: boolean }): Promise<QbdReconFigures> {
  const conn = await findQbdConnection(ctx.db, companyId);
  if (!conn) {
    throw new ServiceError('CONFLICT', 'This company has no Web Connector connection yet: set its password (PUT …/qbd/password) and add the .qwc file to the Web Connector, then ask again');
  }
  const now = ctx.now.toISOString();
  let row = await findQbdReconRequest(ctx.db, companyId, asOf);
  if (!row || refresh) {
    if (row) await renewQbdReconRequest(ctx.db, { companyId, asOf, now });
    else await insertQbdReconRequest(ctx.db, { companyId, asOf, yearStart, now });
    row = await findQbdReconRequest(ctx.db, companyId, asOf);
    if (!row) throw new Error(`the reconciliation request for ${asOf} was not recorded`);
  }
  if (row.state === 'fetched' && row.snapshot && row.fetchedAt) {
    return { state: 'fetched', snapshot: JSON.parse(row.snapshot) as QbdReconSnapshot, requestedAt: row.requestedAt, fetchedAt: row.fetchedAt, readRequests: row.readRequests };
  }
  const last = await latestQbdSession(ctx.db, companyId);
  const lastWebConnectorContact = last?.updatedAt ?? conn.lastSessionAt ?? null;
  if (row.state === 'failed') return { state: 'failed', requestedAt: row.requestedAt, error: row.error ?? 'QuickBooks gave no reason.', lastWebConnectorContact };
  return { state: 'requested', requestedAt: row.requestedAt, sentAt: row.sentAt, lastWebConnectorContact };
}
