import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker, type LocalWorker } from '../../scripts/lib/local-worker';
import { BIN, run } from '../../scripts/lib/processes';
import { createRealm, expireAccessTokens, getStats, startQboSimulator } from '../sim/qbo';

const ADMIN = 'bundle-oauth-admin-token-0123456789';
const FIVE_YEARS_MS = 5 * 365 * 86_400_000;

/**
 * The vitest pool loads axios' Node build (http adapter over workerd's node:http); the deployed
 * Worker is wrangler's bundle, where intuit-oauth gets axios' browser build and its fetch adapter.
 * Only this test sends the code exchange and a refresh through that bundle.
 */
describe('intuit-oauth in the real bundle under wrangler dev', () => {
  let sim: Awaited<ReturnType<typeof startQboSimulator>>;
  let worker: LocalWorker;
  beforeAll(async () => {
    sim = await startQboSimulator();
    worker = await startLocalWorker({
      name: 'oauth-bundle',
      vars: (url) => ({
        ADMIN_TOKEN: ADMIN,
        ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
        QBO_CLIENT_SECRET: 'sim-client-secret',
        QBO_API_BASE: sim.url,
        QBO_OAUTH_BASE: sim.url,
        QBO_REDIRECT_URI: `${url}/v1/qbo/oauth/callback`,
      }),
    });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await sim?.close();
  });

  const call = async (method: string, p: string, token: string, body?: unknown) => {
    const res = await fetch(`${worker.url}${p}`, {
      method,
      redirect: 'manual',
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads JSON loosely
  };

  it('bundles axios 1.21.1 in its browser build (fetch adapter, no http adapter) for intuit-oauth', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'sharper-bundle-'));
    try {
      await run(BIN('wrangler'), ['deploy', '--dry-run', '--outdir', out], { quiet: true });
      const bundle = readFileSync(path.join(out, 'index.js'), 'utf8');
      expect(bundle).toContain('node_modules/axios/dist/browser/axios.cjs');
      expect(bundle).not.toContain('node_modules/axios/dist/node/axios.cjs');
      expect(bundle).toContain('Axios v1.21.1');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('connects (code exchange) and refreshes an expired token, storing the hard expiry Intuit reports', async () => {
    const co = await call('POST', '/v1/admin/companies', ADMIN, { name: 'Bundle Marina', accountingSystem: 'qbo' });
    const id = co.json.id as string;
    const operator = (await call('POST', `/v1/admin/companies/${id}/user-tokens`, ADMIN, { label: 'O', role: 'operator' })).json.secret as string;
    const mms = (await call('POST', `/v1/admin/companies/${id}/mms-keys`, ADMIN, {})).json.secret as string;

    const realm = createRealm(sim.state, {}).id;
    const started = await call('GET', `/v1/companies/${id}/qbo/connect?environment=sandbox&format=json`, operator);
    const authorize = new URL(started.json.authorizeUrl);
    authorize.searchParams.set('realmId', realm);
    const consent = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const done = await fetch(`${worker.url}/v1/qbo/oauth/callback${back.search}`);
    expect(done.status, await done.text()).toBe(200);

    // The simulator reports the hard expiry only when the request carried the opt-in header.
    const health = (await call('GET', `/v1/companies/${id}/qbo`, operator)).json;
    expect(health.connected).toBe(true);
    expect(Math.abs(Date.parse(health.refreshHardExpiresAt) - (Date.now() + FIVE_YEARS_MS))).toBeLessThan(120_000);

    const before = (getStats(sim.state, realm) as { oauth: { refreshes: number } }).oauth.refreshes;
    expect((await call('PUT', `/v1/companies/${id}/records/customers/C-1`, mms, { name: 'Jane Boater' })).status).toBeLessThan(300);
    expireAccessTokens(sim.state, realm);
    await (await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=0+*+*+*+*`)).text();
    expect((getStats(sim.state, realm) as { oauth: { refreshes: number } }).oauth.refreshes).toBeGreaterThan(before);
    const counts = (await call('GET', `/v1/companies/${id}/jobs/counts`, operator)).json.byState;
    expect(counts).toMatchObject({ synced: 1, failed: 0 });
    // Intuit answers in whole seconds, so the grant's end is re-stored on refresh give or take one.
    const refreshed = (await call('GET', `/v1/companies/${id}/qbo`, operator)).json.refreshHardExpiresAt;
    expect(Math.abs(Date.parse(refreshed) - Date.parse(health.refreshHardExpiresAt))).toBeLessThan(2_000);
  }, 60_000);
});
