import type { Config } from '../../config';

/** Warn a month ahead: enough for a bookkeeper who opens the Health page or the popup now and then. */
export const RECONNECT_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Where a user reconnects: the Settings page's "Connect to QuickBooks Online" buttons (also Intuit's "Reconnect URL"). */
export const RECONNECT_PATH = '/app/settings';

/**
 * `hard_maximum`: Intuit's 5-year end of every grant, which no refresh extends.
 * `refresh_window`: the rolling ~100 days, which only runs out when nothing has synced for months.
 */
export type ReconnectReason = 'hard_maximum' | 'refresh_window';

export interface ReconnectBy {
  /** ISO time after which QuickBooks Online refuses the saved authorization. */
  by: string;
  daysLeft: number;
  reason: ReconnectReason;
  url: string;
}

/**
 * The Worker's public origin is only known from the registered redirect URI; without one the
 * link stays relative to wherever the page or the extension reached the Worker.
 */
export function reconnectUrl(config: Config): string {
  const redirect = config.qbo.redirectUri;
  return redirect ? new URL(RECONNECT_PATH, redirect).href : RECONNECT_PATH;
}

/**
 * A warning when the saved grant ends within RECONNECT_WARNING_DAYS, by whichever expiry comes
 * first; null when there is nothing to warn about (or no live grant to lose: a company that must
 * reconnect already says so). Expiries are epoch ms, 0 = unknown.
 */
export function reconnectBy(a: { connected: boolean; refreshExpiresAt: number; refreshHardExpiresAt: number; nowMs: number; url: string }): ReconnectBy | null {
  if (!a.connected) return null;
  const candidates: [number, ReconnectReason][] = [
    [a.refreshHardExpiresAt, 'hard_maximum'],
    [a.refreshExpiresAt, 'refresh_window'],
  ];
  const known = candidates.filter(([at]) => at > 0).sort((x, y) => x[0] - y[0]);
  const first = known[0];
  if (!first || first[0] - a.nowMs >= RECONNECT_WARNING_DAYS * DAY_MS) return null;
  return { by: new Date(first[0]).toISOString(), daysLeft: Math.max(0, Math.floor((first[0] - a.nowMs) / DAY_MS)), reason: first[1], url: a.url };
}
