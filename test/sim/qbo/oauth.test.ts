import OAuthClient from 'intuit-oauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRealm, type QboSimulator, startQboSimulator } from './index';
import { authorize, basicAuth, REDIRECT, tokenRequest } from './test-helpers';

let sim: QboSimulator;
let t = Date.parse('2026-03-15T18:00:00Z');
beforeEach(async () => {
  t = Date.parse('2026-03-15T18:00:00Z');
  sim = await startQboSimulator({ clock: () => new Date(t) });
});
afterEach(async () => {
  await sim.close();
});

async function apiGet(token: string, realmId: string): Promise<Response> {
  return fetch(`${sim.url}/v3/company/${realmId}/companyinfo/${realmId}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('OAuth 2.0 server', () => {
  it('code → tokens → refresh rotates; the old refresh token is then invalid_grant', async () => {
    const { code, realmId, state } = await authorize(sim.url);
    expect(state).toBe('st-1');
    expect(realmId).toMatch(/^\d+$/);
    const first = await tokenRequest(sim.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect((await apiGet(first.json.access_token, realmId)).status).toBe(200);

    const second = await tokenRequest(sim.url, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
    const reuse = await tokenRequest(sim.url, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({ error: 'invalid_grant' });
    // The code is single-use too.
    const again = await tokenRequest(sim.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again.json).toEqual({ error: 'invalid_grant' });
  });

  it('uses the realm named on consent, and rejects a bad client secret', async () => {
    createRealm(sim.state, { realmId: '555' });
    expect((await authorize(sim.url, '555')).realmId).toBe('555');
    const res = await fetch(`${sim.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('sim-client-id:wrong').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client' });
  });

  it('access tokens expire after 3600 s on the sim clock (401 AuthenticationFailed) and are realm-bound', async () => {
    const { code, realmId } = await authorize(sim.url, '777');
    const tokens = await tokenRequest(sim.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    createRealm(sim.state, { realmId: '888' });
    const other = await apiGet(tokens.json.access_token, '888');
    expect(other.status).toBe(401);
    t += 3599_000;
    expect((await apiGet(tokens.json.access_token, realmId)).status).toBe(200);
    t += 1000;
    const expired = await apiGet(tokens.json.access_token, realmId);
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as { fault: { type: string; error: { code: string; message: string }[] } };
    expect(body.fault.error[0]).toMatchObject({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' });
    expect(body.fault.type).toBe('AUTHENTICATION');
    const missing = await fetch(`${sim.url}/v3/company/${realmId}/customer/1`);
    expect(missing.status).toBe(401);
  });

  it('revoke kills the whole grant', async () => {
    const { code, realmId } = await authorize(sim.url);
    const tokens = await tokenRequest(sim.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const res = await fetch(`${sim.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basicAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.json.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect((await apiGet(tokens.json.access_token, realmId)).status).toBe(401);
    const refresh = await tokenRequest(sim.url, { grant_type: 'refresh_token', refresh_token: tokens.json.refresh_token });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('works with intuit-oauth pointed at the simulator', async () => {
    OAuthClient.authorizeEndpoint = `${sim.url}/connect/oauth2`;
    OAuthClient.tokenEndpoint = `${sim.url}/oauth2/v1/tokens/bearer`;
    OAuthClient.revokeEndpoint = `${sim.url}/v2/oauth2/tokens/revoke`;
    const client = new OAuthClient({ clientId: 'sim-client-id', clientSecret: 'sim-client-secret', environment: 'sandbox', redirectUri: REDIRECT });
    const uri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'xyz' });
    const consent = await fetch(uri, { redirect: 'manual' });
    const callback = consent.headers.get('location') ?? '';
    const created = await client.createToken(callback);
    const token = created.getJson();
    expect(token.access_token).toBeTruthy();
    expect(client.getToken().realmId).toMatch(/^\d+$/);
    const refreshed = await client.refreshUsingToken(token.refresh_token);
    expect(refreshed.getJson().refresh_token).not.toBe(token.refresh_token);
    await expect(client.refreshUsingToken(token.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
    const api = await client.makeApiCall({ url: `${sim.url}/v3/company/${client.getToken().realmId}/preferences?minorversion=75` });
    expect(api.json.Preferences).toBeDefined();
    await client.revoke({ refresh_token: refreshed.getJson().refresh_token });
  });
});
