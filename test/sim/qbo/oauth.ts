import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from './http';
import { createRealm, now } from './state';
import type { SimState } from './types';

export const ACCESS_TOKEN_TTL_S = 3600;
/** Rolling refresh window Intuit reports (≈101 days). */
export const REFRESH_TOKEN_TTL_S = 8_726_400;
export const REFRESH_HARD_TTL_S = 5 * 365 * 24 * 3600;
const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

/** Paths intuit-oauth uses (with its static endpoints pointed here) plus shorter aliases. */
export const OAUTH_PATHS = {
  authorize: ['/connect/oauth2', '/oauth2/v1/authorize'],
  token: ['/oauth2/v1/tokens/bearer'],
  revoke: ['/v2/oauth2/tokens/revoke', '/oauth2/v1/tokens/revoke'],
  userinfo: ['/v1/openid_connect/userinfo'],
} as const;

function token(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP Basic client authentication; undefined when the pair is unknown. */
function clientFromBasic(state: SimState, header: string | undefined): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0) return undefined;
  const id = decoded.slice(0, sep);
  const client = state.clients.get(id);
  return client && safeEqual(client.clientSecret, decoded.slice(sep + 1)) ? id : undefined;
}

function withQuery(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * Consent screen that consents at once. `realmId` picks (or creates) the company so tests are
 * deterministic; `sim_deny=1` answers like a user pressing Cancel.
 */
export function handleAuthorize(state: SimState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!state.clients.has(clientId)) return sendJson(res, 400, { error: 'invalid_client' });
  if (!/^https?:\/\//.test(redirectUri)) return sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri' });
  const st = q.get('state') ?? '';
  const redirect = (params: Record<string, string>) => {
    res.writeHead(302, { location: withQuery(redirectUri, params) });
    res.end();
  };
  if (q.get('response_type') !== 'code') return redirect({ error: 'unsupported_response_type', state: st });
  if (!q.get('scope')) return redirect({ error: 'invalid_scope', state: st });
  if (q.get('sim_deny') === '1') return redirect({ error: 'access_denied', state: st });
  const wanted = q.get('realmId') ?? undefined;
  const realm = (wanted && state.realms.get(wanted)) || createRealm(state, { realmId: wanted });
  const code = token('AB11');
  state.authCodes.set(code, { realmId: realm.id, clientId, redirectUri, expiresAtMs: now(state).getTime() + AUTH_CODE_TTL_MS });
  state.oauthStats.authorizations += 1;
  redirect({ code, state: st, realmId: realm.id });
}

function parseBody(req: IncomingMessage, raw: string): Record<string, string> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw || '{}');
      if (typeof parsed === 'object' && parsed !== null) {
        return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
      }
    } catch {
      return {}; // an unparsable body is treated like an empty one: the caller then reports invalid_request
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function issueTokens(state: SimState, input: { realmId: string; clientId: string; grantId: string; hardExpiresAtMs: number }): {
  access: string;
  refresh: string;
} {
  const t = now(state).getTime();
  const access = token('eyJsim.');
  const refresh = token('RT1-');
  state.accessTokens.set(access, { ...input, expiresAtMs: t + ACCESS_TOKEN_TTL_S * 1000 });
  state.refreshTokens.set(refresh, {
    ...input,
    expiresAtMs: Math.min(t + REFRESH_TOKEN_TTL_S * 1000, input.hardExpiresAtMs),
  });
  return { access, refresh };
}

/** POST /oauth2/v1/tokens/bearer: authorization_code and refresh_token grants; refresh always rotates. */
export function handleToken(state: SimState, req: IncomingMessage, raw: string, res: ServerResponse): void {
  const headers = { intuit_tid: randomUUID(), 'cache-control': 'no-store' };
  state.oauthStats.tokenCalls += 1;
  const clientId = clientFromBasic(state, req.headers.authorization);
  if (!clientId) return sendJson(res, 401, { error: 'invalid_client' }, headers);
  const body = parseBody(req, raw);
  const t = now(state).getTime();
  const invalidGrant = () => {
    state.oauthStats.invalidGrants += 1;
    sendJson(res, 400, { error: 'invalid_grant' }, headers);
  };
  let grant: { realmId: string; grantId: string; hardExpiresAtMs: number };
  if (body.grant_type === 'authorization_code') {
    const rec = state.authCodes.get(body.code ?? '');
    if (!rec || rec.expiresAtMs <= t || rec.clientId !== clientId || rec.redirectUri !== body.redirect_uri) return invalidGrant();
    state.authCodes.delete(body.code);
    grant = { realmId: rec.realmId, grantId: randomUUID(), hardExpiresAtMs: t + REFRESH_HARD_TTL_S * 1000 };
  } else if (body.grant_type === 'refresh_token') {
    const rec = state.refreshTokens.get(body.refresh_token ?? '');
    if (!rec || rec.expiresAtMs <= t || rec.clientId !== clientId || state.revokedGrants.has(rec.grantId)) return invalidGrant();
    // Single use: the previous refresh token dies the moment a new one is issued.
    state.refreshTokens.delete(body.refresh_token);
    state.oauthStats.refreshes += 1;
    grant = rec;
  } else {
    return sendJson(res, 400, { error: 'unsupported_grant_type' }, headers);
  }
  const issued = issueTokens(state, { ...grant, clientId });
  const refreshRec = state.refreshTokens.get(issued.refresh);
  const reply: Record<string, unknown> = {
    token_type: 'bearer',
    access_token: issued.access,
    refresh_token: issued.refresh,
    expires_in: ACCESS_TOKEN_TTL_S,
    x_refresh_token_expires_in: Math.round(((refreshRec?.expiresAtMs ?? t) - t) / 1000),
  };
  if (req.headers['x-include-refresh-token-hard-expires-in'] === 'true') {
    reply.x_refresh_token_hard_expires_in = Math.round((grant.hardExpiresAtMs - t) / 1000);
  }
  sendJson(res, 200, reply, headers);
}

/** Revoking either token disconnects the app: the whole grant dies. Unknown tokens still get 200 (RFC 7009). */
export function handleRevoke(state: SimState, req: IncomingMessage, raw: string, res: ServerResponse): void {
  if (!clientFromBasic(state, req.headers.authorization)) return sendJson(res, 401, { error: 'invalid_client' });
  const value = parseBody(req, raw).token ?? '';
  const rec = state.accessTokens.get(value) ?? state.refreshTokens.get(value);
  if (rec) revokeGrant(state, rec.grantId);
  state.oauthStats.revokes += 1;
  sendText(res, 200, '', 'application/json');
}

export function revokeGrant(state: SimState, grantId: string): void {
  state.revokedGrants.add(grantId);
  for (const [k, v] of state.accessTokens) if (v.grantId === grantId) state.accessTokens.delete(k);
  for (const [k, v] of state.refreshTokens) if (v.grantId === grantId) state.refreshTokens.delete(k);
}

/** Bearer check for the API; returns the AuthenticationFailed detail, or null when the token is good for this realm. */
export function checkBearer(state: SimState, header: string | undefined, realmId: string): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return 'Authorization header missing or malformed bearer token';
  const rec = state.accessTokens.get(m[1].trim());
  if (!rec) return 'Token revoked or unknown: invalid bearer token';
  if (rec.expiresAtMs <= now(state).getTime()) return 'Token expired: the access token is past its 3600 s lifetime';
  if (rec.realmId !== realmId) return `Token was issued for realm ${rec.realmId}, not ${realmId}`;
  return null;
}

export function handleUserInfo(state: SimState, req: IncomingMessage, res: ServerResponse): void {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const rec = m ? state.accessTokens.get(m[1].trim()) : undefined;
  if (!rec || rec.expiresAtMs <= now(state).getTime()) return sendJson(res, 401, { error: 'invalid_token' });
  sendJson(res, 200, { sub: `sim-user-${rec.realmId}`, email: 'sim.user@example.test', emailVerified: true, givenName: 'Sim', familyName: 'User' });
}

/** Control-API helper: makes every access token (of one realm, or all) expire now. */
export function expireAccessTokens(state: SimState, realmId?: string): number {
  let n = 0;
  const t = now(state).getTime();
  for (const rec of state.accessTokens.values()) {
    if (realmId && rec.realmId !== realmId) continue;
    rec.expiresAtMs = Math.min(rec.expiresAtMs, t);
    n += 1;
  }
  return n;
}
