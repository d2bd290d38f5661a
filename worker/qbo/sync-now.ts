import type { RequestCtx } from '../http/context';
import { findQboConnection } from '../db/qbo-connections';
import { ServiceError } from '../shared/errors';
import { syncCompany } from './sync/run';

/** Time box for an operator's "sync now": short enough for a request, resumable by the cron. */
const SYNC_NOW_BUDGET_MS = 20_000;

/** Runs one company's sync now, unless a run started less than the minimum interval ago. */
export async function syncNow({ ctx, companyId }: { ctx: RequestCtx; companyId: string }) {
  const conn = await findQboConnection(ctx.db, companyId);
  if (!conn || conn.status === 'disconnected') throw new ServiceError('CONFLICT', 'This company is not connected to QuickBooks Online');
  if (conn.status === 'reconnect_needed') throw new ServiceError('CONFLICT', `QuickBooks Online needs reconnecting: ${conn.statusMessage ?? ''}`.trim());
  const minIntervalMs = ctx.config.qbo.syncNowMinIntervalMs;
  const result = await syncCompany({ db: ctx.db, config: ctx.config, companyId, budgetMs: SYNC_NOW_BUDGET_MS, minIntervalMs });
  if (!result.ran) {
    const nextAt = new Date(conn.lastSyncStartedAt + minIntervalMs).toISOString();
    throw new ServiceError('CONFLICT', `A sync ran or is running less than ${Math.round(minIntervalMs / 60_000)} minutes ago; try again after ${nextAt}`, { details: { retryAfter: nextAt } });
  }
  return result;
}
