import type { RequestCtx } from '../http/context';
import { findQboConnection } from '../db/qbo-connections';
import { findQboUsage } from '../db/qbo-usage';
import { countOpenDrift } from '../db/qbo-drift';
import { reconnectBy, reconnectUrl } from './oauth/reconnect-by';

/** Intuit's Builder-tier allowance of metered (CorePlus) reads per app per month (qbo-api.md §3). */
export const BUILDER_TIER_READS_PER_MONTH = 500_000;

const isoOrNull = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/**
 * The QBO part of a company's health: connection, when the grant ends (and a `reconnectBy`
 * warning in its last month), how the company taxes sales, last run, metered reads this month,
 * open drift.
 */
export async function qboStatus({ ctx, companyId }: { ctx: RequestCtx; companyId: string }) {
  const conn = await findQboConnection(ctx.db, companyId);
  const month = ctx.now.toISOString().slice(0, 7);
  const usage = await findQboUsage(ctx.db, companyId, month);
  const connected = conn?.status === 'connected';
  return {
    connected,
    status: conn?.status ?? 'not_connected',
    reconnectNeeded: conn?.status === 'reconnect_needed',
    message: conn?.statusMessage ?? null,
    realmId: conn?.realmId ?? null,
    environment: conn?.environment ?? null,
    /** The rolling window's end and Intuit's hard maximum (null: not reported, or no grant). */
    refreshExpiresAt: connected ? isoOrNull(conn.refreshExpiresAt) : null,
    refreshHardExpiresAt: connected ? isoOrNull(conn.refreshHardExpiresAt) : null,
    reconnectBy: reconnectBy({
      connected,
      refreshExpiresAt: conn?.refreshExpiresAt ?? 0,
      refreshHardExpiresAt: conn?.refreshHardExpiresAt ?? 0,
      nowMs: ctx.now.getTime(),
      url: reconnectUrl(ctx.config),
    }),
    country: conn?.country ?? null,
    taxMode: conn?.taxMode ?? null,
    prefsReadAt: conn?.prefsReadAt ?? null,
    lastSync: conn?.lastSyncFinishedAt ? { finishedAt: conn.lastSyncFinishedAt, summary: JSON.parse(conn.lastSyncSummary ?? '{}') } : null,
    meteredCalls: { month, reads: usage.reads, writes: usage.writes, requests: usage.requests, throttled: usage.throttled, builderTierReadAllowance: BUILDER_TIER_READS_PER_MONTH },
    openDrift: await countOpenDrift(ctx.db, companyId),
  };
}
