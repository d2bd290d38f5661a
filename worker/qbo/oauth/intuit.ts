import OAuthClient from 'intuit-oauth';
import type { Config } from '../../config';
import type { QboEnvironment } from '../../db/schema/qbo-connections';
import { ServiceError } from '../../shared/errors';
import { oauthEndpoints } from '../endpoints';

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshExpiresAt: number;
  /** When Intuit ends the grant whatever the rolling window (the 5-year maximum); 0 = not reported. */
  refreshHardExpiresAt: number;
  realmId?: string;
}

/**
 * An intuit-oauth client for one call. Its endpoints are static class properties, so they are
 * (re)set from config each time; every caller in an isolate shares the same config, so the
 * process-wide mutation is harmless. Its own retry loop is switched off: retrying a refresh
 * that committed on Intuit's side would send an already-rotated token and lose the grant.
 * The hard-expiry header is opt-in at Intuit: without it nobody learns of the 5-year end until
 * the refresh fails.
 */
export function intuitClient(config: Config, environment: QboEnvironment, redirectUri: string) {
  const { clientId, clientSecret } = config.qbo;
  if (!clientId || !clientSecret) {
    throw new ServiceError('UNSUPPORTED_OPERATION', 'QuickBooks Online is not configured on this Worker: set QBO_CLIENT_ID and the QBO_CLIENT_SECRET secret');
  }
  const endpoints = oauthEndpoints(config);
  const statics = OAuthClient as unknown as Record<string, unknown> & { retryConfig: { maxRetries: number } };
  statics.authorizeEndpoint = endpoints.authorize;
  statics.tokenEndpoint = endpoints.token;
  statics.revokeEndpoint = endpoints.revoke;
  statics.retryConfig.maxRetries = 0;
  return new OAuthClient({ clientId, clientSecret, environment, redirectUri, logging: false, includeRefreshTokenHardExpiresIn: true });
}

export function tokenSetFrom(json: Record<string, unknown>, nowMs: number): TokenSet {
  const access = json.access_token;
  const refresh = json.refresh_token;
  if (typeof access !== 'string' || typeof refresh !== 'string' || !access || !refresh) {
    // intuit-oauth once treated an error body as success and stored `undefined` tokens (node-quickbooks#171).
    throw new Error('Intuit answered without an access and refresh token');
  }
  return {
    accessToken: access,
    refreshToken: refresh,
    accessExpiresAt: nowMs + Number(json.expires_in ?? 3600) * 1000,
    refreshExpiresAt: nowMs + Number(json.x_refresh_token_expires_in ?? 8_726_400) * 1000,
    refreshHardExpiresAt: hardExpiry(json.x_refresh_token_hard_expires_in, nowMs),
  };
}

function hardExpiry(seconds: unknown, nowMs: number): number {
  const s = Number(seconds);
  return Number.isFinite(s) && s > 0 ? nowMs + Math.round(s * 1000) : 0;
}

/** intuit-oauth surfaces token-endpoint errors in several shapes; all of them carry the OAuth error word. */
export function oauthErrorCode(error: unknown): string | undefined {
  const e = error as Record<string, any> | undefined;
  const candidates = [e?.error, e?.authResponse?.json?.error, e?.response?.data?.error, e?.originalMessage, e?.message, e?.intuit_tid && undefined];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const m = /(invalid_grant|invalid_client|invalid_request|unauthorized_client)/.exec(c);
    if (m) return m[1];
  }
  try {
    const m = /(invalid_grant|invalid_client)/.exec(JSON.stringify(e?.authResponse?.body ?? e?.response?.data ?? ''));
    return m?.[1];
  } catch {
    return undefined;
  }
}
