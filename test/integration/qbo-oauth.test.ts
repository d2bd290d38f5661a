import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../worker/config';
import { createDb } from '../../worker/db/client';
import { decryptToken } from '../../worker/qbo/crypto';
import { getAccessToken } from '../../worker/qbo/tokens';
import { call, connect, createQboCompany, ingest, jobCounts, newRealm, runCron, sim, SIM, simEnv } from './qbo-helpers';

describe('QBO OAuth', () => {
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
