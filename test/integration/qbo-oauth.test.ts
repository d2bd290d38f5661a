import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../worker/config';
import { createDb } from '../../worker/db/client';
import { decryptToken } from '../../worker/qbo/crypto';
import { getAccessToken } from '../../worker/qbo/tokens';
import { call, connect, createQboCompany, ingest, jobCounts, newRealm, runCron, sim, SIM, simEnv } from './qbo-helpers';

const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
const row = (companyId: string) =>
  env.DB.prepare('SELECT refresh_token_enc, token_version, refresh_hard_expires_at FROM qbo_connections WHERE company_id = ?')
    .bind(companyId)
    .first<{ refresh_token_enc: string; token_version: number; refresh_hard_expires_at: number }>();

/**
 * The token-endpoint requests intuit-oauth made from inside workerd. Here the pool loads axios'
 * Node build, whose http adapter runs on workerd's node:http (itself built on global fetch); the
 * deployed bundle takes axios' browser build and its fetch adapter, which
 * test/node/qbo-oauth-bundle.test.ts exercises under `wrangler dev`.
 */
function spyTokenRequests() {
  const seen: Request[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const req = new Request(input, init);
    if (new URL(req.url).pathname === TOKEN_PATH) seen.push(req.clone());
    return real(req);
  });
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('QBO OAuth', () => {
  it('exchanges the code and refreshes through intuit-oauth inside workerd, asking for the hard expiry each time', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    const seen = spyTokenRequests();
    const before = (await sim('GET', `/realms/${realm}/stats`)).oauth;
    await connect(co, realm);
    expect(seen).toHaveLength(1);
    const exchange = seen[0];
    expect(await exchange.text()).toContain('grant_type=authorization_code');
    expect(exchange.headers.get('x-include-refresh-token-hard-expires-in')).toBe('true');
    const connected = (await row(co.id))!;
    const fiveYears = 5 * 365 * 86_400_000;
    expect(Math.abs(connected.refresh_hard_expires_at - (Date.now() + fiveYears))).toBeLessThan(60_000);

    // The simulator kills the access token; the next run's 401 forces a refresh.
    await ingest(co);
    await sim('POST', '/tokens/expire');
    await runCron();
    const refreshes = seen.filter((r) => r.method === 'POST').slice(1);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(await refreshes[0].text()).toContain('grant_type=refresh_token');
    expect(refreshes[0].headers.get('x-include-refresh-token-hard-expires-in')).toBe('true');
    const after = (await sim('GET', `/realms/${realm}/stats`)).oauth;
    expect(after.refreshes).toBeGreaterThan(before.refreshes);
    const rotated = (await row(co.id))!;
    expect(rotated.refresh_token_enc).not.toBe(connected.refresh_token_enc);
    expect(rotated.token_version).toBeGreaterThan(connected.token_version);
    // The grant's end does not move with a refresh: the simulator reports the same 5-year date.
    expect(Math.abs(rotated.refresh_hard_expires_at - connected.refresh_hard_expires_at)).toBeLessThan(2_000);
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0 });
  });

  it('refuses a replayed state, a forged state and malformed callback parameters', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    const { callbackQuery, state } = await connect(co, realm);
    const replay = await call('GET', `/v1/qbo/oauth/callback${callbackQuery}`);
    expect(replay.status).toBe(403);
    const forged = await call('GET', `/v1/qbo/oauth/callback?code=abc&realmId=${realm}&state=${state.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(403);
    expect((await call('GET', '/v1/qbo/oauth/callback?code=abc&realmId=1')).json.error.field).toBe('state');
    const started = await call('GET', `/v1/companies/${co.id}/qbo/connect?format=json`, { token: co.operator });
    const fresh = new URL(started.json.authorizeUrl).searchParams.get('state')!;
    const badRealm = await call('GET', `/v1/qbo/oauth/callback?code=abc&realmId=not-a-realm&state=${fresh}`);
    expect(badRealm.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'realmId' });
  });

  it('single-flights concurrent refreshes so a rotated refresh token is never reused', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    await connect(co, realm);
    await sim('POST', `/realms/${realm}/tokens/expire`);
    const config = loadConfig(simEnv());
    const db = createDb(env.DB);
    // Forces both through the refresh path: the stored token is treated as stale by version 1.
    const ctx = { db, config, clock: () => Date.now() + 3_600_000 };
    const [a, b] = await Promise.all([getAccessToken(ctx, co.id), getAccessToken(ctx, co.id)]);
    expect(a.token).toBe(b.token);
    const status = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(status.json.status).toBe('connected');
  });

  it('disconnect revokes, and a reconnected company syncs with expired tokens without failing jobs', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    await connect(co, realm);
    // Revoking at the simulator kills the grant, as a user disconnecting the app in QBO would.
    const conn = await call('POST', `/v1/companies/${co.id}/qbo/disconnect`, { token: co.operator });
    expect(conn.json.status).toBe('disconnected');
    await connect(co, realm);
    await ingest(co);
    await sim('POST', '/tokens/expire');
    await runCron();
    const counts = await jobCounts(co);
    expect(counts).toMatchObject({ queued: 0, failed: 0 });
  });
});

describe('QBO invalid_grant', () => {
  it('marks the company "reconnect needed"; its jobs stay queued (not failed) until an operator reconnects', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    await connect(co, realm);
    const ops = await ingest(co);
    // The user disconnects the app inside QuickBooks: Intuit revokes the grant.
    const config = loadConfig(simEnv());
    const row = await env.DB.prepare('SELECT refresh_token_enc FROM qbo_connections WHERE company_id = ?').bind(co.id).first<{ refresh_token_enc: string }>();
    const refreshToken = await decryptToken(config.encryptionKey, row!.refresh_token_enc, co.id);
    const revoked = await fetch(`${SIM()}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('sim-client-id:sim-client-secret')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: refreshToken }),
    });
    expect(revoked.status).toBe(200);
    await runCron();

    const counts = await jobCounts(co);
    expect(counts.failed).toBe(0);
    expect(counts.sending).toBe(0);
    expect(counts.queued + counts.waiting + counts.held).toBe(ops.length);
    const health = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(health).toMatchObject({ connected: false, status: 'reconnect_needed', reconnectNeeded: true, message: expect.stringContaining('invalid_grant') });
    const syncNow = await call('POST', `/v1/companies/${co.id}/qbo/sync`, { token: co.operator });
    expect(syncNow.status).toBe(409);
    expect(syncNow.json.error.message).toContain('needs reconnecting');
    expect((await sim('GET', `/realms/${realm}/stats`)).writes).toBe(0);

    await connect(co, realm);
    await runCron();
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0, sending: 0 });
  });
});
