import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app';
import { call, connect, createQboCompany, newRealm, simEnv } from './qbo-helpers';

const DAY = 86_400_000;
const BASE = 'http://sync.test';
const page = (path: string, cookie: string) => app.request(`${BASE}${path}`, { redirect: 'manual', headers: { origin: BASE, cookie } }, simEnv());

async function signIn(token: string) {
  const res = await app.request(`${BASE}/app/sign-in`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers: { origin: BASE } }, simEnv());
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

const expiries = (companyId: string) =>
  env.DB.prepare('SELECT refresh_expires_at, refresh_hard_expires_at FROM qbo_connections WHERE company_id = ?')
    .bind(companyId)
    .first<{ refresh_expires_at: number; refresh_hard_expires_at: number }>();

async function connected() {
  const co = await createQboCompany();
  await connect(co, await newRealm());
  return co;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('QBO health: when the authorization ends', () => {
  it('reports the hard expiry from the exchange, and warns with reconnectBy when 29 days remain but not 31', async () => {
    const co = await connected();
    const { refresh_hard_expires_at: hard } = (await expiries(co.id))!;
    expect(hard).toBeGreaterThan(Date.now() + 4.9 * 365 * DAY);
    // As if the hourly runs kept refreshing: the rolling window always ends well after now.
    await env.DB.prepare('UPDATE qbo_connections SET refresh_expires_at = ? WHERE company_id = ?').bind(hard + 90 * DAY, co.id).run();

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(hard - 31 * DAY);
    const early = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(early).toMatchObject({ connected: true, refreshHardExpiresAt: new Date(hard).toISOString(), reconnectBy: null });

    vi.setSystemTime(hard - 29 * DAY);
    const late = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(late.reconnectBy).toEqual({ by: new Date(hard).toISOString(), daysLeft: 29, reason: 'hard_maximum', url: 'http://127.0.0.1:8787/app/settings' });
  });

  it('warns when the rolling refresh window is the one running out', async () => {
    const co = await connected();
    await env.DB.prepare('UPDATE qbo_connections SET refresh_expires_at = ? WHERE company_id = ?').bind(Date.now() + 29 * DAY + 3_600_000, co.id).run();
    const status = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(status.reconnectBy).toMatchObject({ reason: 'refresh_window', daysLeft: 29 });
  });

  it('the extension summary carries the same warning for the popup', async () => {
    const co = await connected();
    const quiet = (await call('GET', '/v1/extension/summary', { token: co.viewer })).json.companies[0];
    expect(quiet.connection).toMatchObject({ target: 'qbo', state: 'connected', reconnectBy: null });
    const hard = Date.now() + 10 * DAY;
    await env.DB.prepare('UPDATE qbo_connections SET refresh_hard_expires_at = ? WHERE company_id = ?').bind(hard, co.id).run();
    const warned = (await call('GET', '/v1/extension/summary', { token: co.viewer })).json.companies[0];
    expect(warned.connection.reconnectBy).toMatchObject({ by: new Date(hard).toISOString(), reason: 'hard_maximum', url: 'http://127.0.0.1:8787/app/settings' });
  });

  it('the Health page tells the bookkeeper to reconnect, with the date and where', async () => {
    const co = await connected();
    const cookie = await signIn(co.viewer);
    const calm = await (await page('/app/health', cookie)).text();
    expect(calm).not.toContain('will require you to reconnect');
    expect(calm).toMatch(/Authorization: ends <strong>\d{4}-\d{2}-\d{2}<\/strong> at the latest/);

    const hard = Date.now() + 20 * DAY;
    await env.DB.prepare('UPDATE qbo_connections SET refresh_hard_expires_at = ? WHERE company_id = ?').bind(hard, co.id).run();
    const html = await (await page('/app/health', cookie)).text();
    const day = new Date(hard).toISOString().slice(0, 10);
    expect(html).toContain(`QuickBooks Online will require you to reconnect by <strong>${day}</strong>`);
    expect(html).toContain('reconnect now at <a href="http://127.0.0.1:8787/app/settings">');
    expect(html).toContain('five years after it was granted');
  });
});

describe('QBO health: how the company taxes sales', () => {
  it('returns country, tax mode and when the preferences were read, and the Health page says it in words', async () => {
    const co = await connected();
    const cookie = await signIn(co.viewer);
    // Read from QuickBooks when the company connected (the simulator's default company: US, automated sales tax).
    const read = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(read).toMatchObject({ country: 'US', taxMode: 'automated' });
    expect(Date.parse(read.prefsReadAt)).toBeGreaterThan(Date.now() - 60_000);
    await env.DB.prepare('UPDATE qbo_connections SET country = NULL, tax_mode = NULL, prefs_read_at = NULL WHERE company_id = ?').bind(co.id).run();
    expect((await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json).toMatchObject({ country: null, taxMode: null, prefsReadAt: null });
    expect(await (await page('/app/health', cookie)).text()).toContain('Sales tax: <strong>not read yet');

    const set = (country: string, mode: string) =>
      env.DB.prepare('UPDATE qbo_connections SET country = ?, tax_mode = ?, prefs_read_at = ? WHERE company_id = ?').bind(country, mode, '2026-12-01T10:00:00.000Z', co.id).run();
    await set('US', 'automated');
    const status = (await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json;
    expect(status).toMatchObject({ country: 'US', taxMode: 'automated', prefsReadAt: '2026-12-01T10:00:00.000Z' });
    const automated = await (await page('/app/health', cookie)).text();
    expect(automated).toContain('QuickBooks automated sales tax — Sharper sends its own tax amount on every document');
    expect(automated).toContain('settings read 2026-12-01 10:00 UTC');

    await set('US', 'manual');
    expect(await (await page('/app/health', cookie)).text()).toContain('Sales tax: <strong>manual sales tax');
    await set('CA', 'unsupported');
    expect(await (await page('/app/health', cookie)).text()).toContain('not supported outside the US: this QuickBooks company is in CA');
  });
});
