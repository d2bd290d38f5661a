import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { setupCompany } from './helpers';
import { call, connect, createQboCompany, entities, newRealm, runCron, sim, SIM, simEnv } from './qbo-helpers';

const BASE = 'http://sync.test';
const req = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  app.request(`${BASE}${path}`, { ...init, redirect: 'manual', headers: { origin: BASE, ...(init.cookie && { cookie: init.cookie }), ...(init.headers as object) } }, simEnv());

async function signIn(token: string) {
  const res = await req('/app/sign-in', { method: 'POST', body: new URLSearchParams({ token }) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('QuickBooks connections on the Accounting Sync page', () => {
  it('an operator starts the QuickBooks Online connection and the health page shows it', async () => {
    const co = await createQboCompany('Connected Marina');
    const cookie = await signIn(co.operator);
    const start = await req('/app/settings/qbo-connect?environment=sandbox', { cookie });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toContain(`${SIM()}/`);
    expect(new URL(start.headers.get('location')!).searchParams.get('state')).toBeTruthy();
    const realm = await newRealm();
    await connect(co, realm);
    const health = await (await req('/app/health', { cookie })).text();
    expect(health).toContain('data-panel="qbo"');
    expect(health).toContain(`company ${realm} (sandbox)`);
    expect(health).toMatch(/Metered read calls this month/);
    const viewer = await signIn(co.viewer);
    expect((await req('/app/settings/qbo-connect', { cookie: viewer })).status).toBe(403);

    // An edit made in the QBO web app shows on the health page as drift.
    await call('PUT', `/v1/companies/${co.id}/records/customers/C-1`, { token: co.mms, body: { name: 'Jane Boater' } });
    await runCron();
    const customer = (await entities(realm, 'Customer')).find((c: any) => c.DisplayName === 'Jane Boater');
    await sim('PATCH', `/realms/${realm}/entities/Customer/${customer.Id}`, { DisplayName: 'Jane Q. Boater' });
    await runCron();
    const after = await (await req('/app/health', { cookie })).text();
    expect(after).toContain('data-panel="drift"');
    expect(after).toMatch(/customer C-1[\s\S]*?name: Sharper Jane Boater, QuickBooks Jane Q\. Boater/);
    expect(after).toContain('data-panel="overrides"');
  });

  it('an operator sets the Web Connector password and downloads the .qwc', async () => {
    const co = await setupCompany({ name: 'Desktop Marina', accountingSystem: 'qbd' });
    const cookie = await signIn(co.operator);
    const noPassword = await req('/app/settings/connection.qwc', { cookie });
    expect(noPassword.status).toBe(303);
    const short = await req('/app/settings/qbd-password', { method: 'POST', body: new URLSearchParams({ password: 'short' }), cookie });
    expect(decodeURIComponent(short.headers.get('location') ?? '')).toContain('at least 12 characters');
    const set = await req('/app/settings/qbd-password', { method: 'POST', body: new URLSearchParams({ password: 'correct horse battery' }), cookie });
    expect(decodeURIComponent(set.headers.get('location') ?? '')).toContain('password set');
    const qwc = await req('/app/settings/connection.qwc', { cookie });
    expect(qwc.status).toBe(200);
    const xml = await qwc.text();
    expect(xml).toContain(`<AppURL>${BASE}/qbwc</AppURL>`);
    expect(xml).toContain(`<UserName>sharper-${co.id}</UserName>`);
    const health = await (await req('/app/health', { cookie })).text();
    expect(health).toContain('data-panel="qbd"');
    expect(health).toContain('password set');
  });
});
