import type { Config } from '../config';
import type { Db } from '../db/client';
import type { QboConnectionRow } from '../db/qbo-connections';
import { QboApi, type QboApiOptions } from './api/client';
import { parseLimiterWindow } from './api/limiter';
import { apiBase } from './endpoints';
import { getAccessToken } from './tokens';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The API client for one connected company: its realm and environment, its tokens (refreshed on
 * demand), and a limiter that starts from the requests the last call to this realm left — `window`
 * when the caller read it under the sync lease, else the connection's stored one.
 */
export function realmApi(a: {
  db: Db;
  config: Config;
  conn: QboConnectionRow;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  window?: string | null;
  options?: Pick<QboApiOptions, 'deadline' | 'maxRetries'>;
}): QboApi {
  const clock = a.clock ?? Date.now;
  const sleep = a.sleep ?? realSleep;
  return new QboApi({
    baseUrl: apiBase(a.config, a.conn.environment),
    realmId: a.conn.realmId,
    getToken: (stale) => getAccessToken({ db: a.db, config: a.config, clock, sleep }, a.conn.companyId, stale),
    clock,
    sleep,
    retryBaseMs: a.config.qbo.retryBaseMs,
    limiterWindow: parseLimiterWindow(a.window === undefined ? a.conn.limiterWindow : a.window),
    ...a.options,
  });
}
