import type { Config } from '../config';
import type { Db } from '../db/client';
import {
  findQboConnection,
  releaseRefreshLease,
  saveRefreshedTokens,
  setQboConnectionStatus,
  takeRefreshLease,
  type QboConnectionRow,
} from '../db/qbo-connections';
import { randomToken } from '../shared/canonical';
import { decryptToken, encryptToken } from './crypto';
import { QboConnectionError } from './errors';
import { intuitClient, oauthErrorCode, tokenSetFrom } from './oauth/intuit';

/** Refresh when less than this is left (qbo-api.md §1.4). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const LEASE_MS = 30_000;
const WAIT_STEP_MS = 200;
const WAIT_MAX_MS = 15_000;

export interface AccessToken {
  token: string;
  version: number;
  realmId: string;
  environment: QboConnectionRow['environment'];
}

export interface TokenCtx {
  db: Db;
  config: Config;
  /** Wall clock for expiry checks; a function because a run spans minutes. */
  clock: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function usable(ctx: TokenCtx, row: QboConnectionRow): Promise<AccessToken> {
  return {
    token: await decryptToken(ctx.config.encryptionKey, row.accessTokenEnc!, row.companyId),
    version: row.tokenVersion,
    realmId: row.realmId,
    environment: row.environment,
  };
}

function connectedRow(row: QboConnectionRow | undefined, companyId: string): QboConnectionRow {
  if (!row || row.status === 'disconnected' || !row.refreshTokenEnc) {
    throw new QboConnectionError('not_connected', `Company ${companyId} is not connected to QuickBooks Online`);
  }
  if (row.status === 'reconnect_needed') {
    throw new QboConnectionError('reconnect_needed', row.statusMessage ?? 'QuickBooks Online needs to be reconnected');
  }
  return row;
}

/**
 * A valid access token for the company, refreshing it when it is close to expiry or when
 * `staleVersion` (the version a 401 was seen with) is still current. Refreshes are single-flight
 * across invocations: one takes the D1 lease, the others wait for the version to move.
 */
export async function getAccessToken(ctx: TokenCtx, companyId: string, staleVersion?: number): Promise<AccessToken> {
  const sleep = ctx.sleep ?? defaultSleep;
  const deadline = ctx.clock() + WAIT_MAX_MS;
  for (;;) {
    const row = connectedRow(await findQboConnection(ctx.db, companyId), companyId);
    const forced = staleVersion !== undefined && row.tokenVersion === staleVersion;
    if (!forced && row.accessTokenEnc && row.accessExpiresAt - ctx.clock() > REFRESH_MARGIN_MS) return usable(ctx, row);
    const leaseToken = randomToken(12);
    const nowMs = ctx.clock();
    if (await takeRefreshLease(ctx.db, { companyId, version: row.tokenVersion, nowMs, untilMs: nowMs + LEASE_MS, token: leaseToken })) {
      return refreshUnderLease(ctx, row, leaseToken);
    }
    if (ctx.clock() > deadline) throw new QboConnectionError('refresh_busy', 'Another run is refreshing the QuickBooks Online token; try again shortly');
    await sleep(WAIT_STEP_MS);
  }
}

async function refreshUnderLease(ctx: TokenCtx, row: QboConnectionRow, leaseToken: string): Promise<AccessToken> {
  const now = () => new Date(ctx.clock()).toISOString();
  const refreshToken = await decryptToken(ctx.config.encryptionKey, row.refreshTokenEnc!, row.companyId);
  let json: Record<string, unknown>;
  try {
    const client = intuitClient(ctx.config, row.environment, ctx.config.qbo.redirectUri ?? 'http://localhost/');
    const res = await client.refreshUsingToken(refreshToken);
    json = res.getJson() as Record<string, unknown>;
  } catch (error) {
    if (oauthErrorCode(error) === 'invalid_grant') {
      // Only this lease holder could have rotated the token, so the grant is really gone.
      const message = 'QuickBooks Online refused the saved authorization (invalid_grant): an operator must reconnect the company. Its jobs wait until then.';
      await setQboConnectionStatus(ctx.db, { companyId: row.companyId, status: 'reconnect_needed', message, now: now() });
      console.warn(`qbo: company ${row.companyId} realm ${row.realmId} needs reconnecting (invalid_grant)`);
      throw new QboConnectionError('reconnect_needed', message, { cause: error });
    }
    await releaseRefreshLease(ctx.db, row.companyId, leaseToken);
    throw error;
  }
  const set = tokenSetFrom(json, ctx.clock());
  // The rotated refresh token is saved before the new access token is used for anything.
  const saved = await saveRefreshedTokens(ctx.db, {
    companyId: row.companyId,
    leaseToken,
    accessTokenEnc: await encryptToken(ctx.config.encryptionKey, set.accessToken, row.companyId),
    refreshTokenEnc: await encryptToken(ctx.config.encryptionKey, set.refreshToken, row.companyId),
    accessExpiresAt: set.accessExpiresAt,
    refreshExpiresAt: set.refreshExpiresAt,
    refreshHardExpiresAt: set.refreshHardExpiresAt,
    now: now(),
  });
  if (!saved) throw new Error(`qbo: the refresh lease for company ${row.companyId} was lost while refreshing`);
  return { token: set.accessToken, version: row.tokenVersion + 1, realmId: row.realmId, environment: row.environment };
}
