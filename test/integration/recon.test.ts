import { describe, expect, it } from 'vitest';
import { call, createQboCompany } from './qbo-helpers';
import { reconciledCompany } from './recon-fixtures';

describe('month-end reconciliation (QuickBooks Online)', () => {
  it('a cleanly synced month reconciles to zero, using two report reads', async () => {
    const { co } = await reconciledCompany();
    const r = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: co.viewer });
    expect(r.status, r.text).toBe(200);
    expect(r.json.totals.customers).toEqual({ difference: 0, unexplained: 0, rowsWithDifference: 0 });
    expect(r.json.customers.map((c: any) => [c.id, c.sharper, c.quickbooks])).toEqual([
      ['C-1', 0, 0],
      ['C-2', 60000, 60000],
      ['C-3', 5000, 5000],
    ]);
    expect(r.json.readCalls.used).toBe(2);
    // Every account Sharper owns agrees too: its A/R account is QuickBooks' own A/R account.
    expect(r.json.accounts.map((a: any) => [a.id, a.difference])).toEqual([
      ['A-1200', 0],
      ['A-1100', 0],
      ['A-4000', 0],
      ['A-4200', 0],
    ]);
    expect(r.json.quickbooksOnlyAccounts).toEqual([]);
  });

  it('refuses what it cannot reconcile, clearly', async () => {
    const { co } = await reconciledCompany();
    const bad = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2026-13`, { token: co.viewer });
    expect([bad.status, bad.json.error.field]).toEqual([422, 'month']);
    const future = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2999-01`, { token: co.viewer });
    expect(future.status).toBe(422);
    expect(future.json.error.message).toContain('future');
    const empty = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2025-06`, { token: co.viewer });
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ noData: true, totals: { customers: { difference: 0 } } });
    const other = await createQboCompany('Unconnected Marina');
    const unconnected = await call('GET', `/v1/companies/${other.id}/reconciliation?month=2026-03`, { token: other.viewer });
    expect(unconnected.status).toBe(409);
    expect(unconnected.json.error.message).toMatch(/arAccount|not connected/);
    const { ADMIN } = await import('./helpers');
    const none = (await call('POST', '/v1/admin/companies', { token: ADMIN.replace('Bearer ', ''), body: { name: 'No Books Marina', accountingSystem: 'none' } })).json;
    const noneViewer = (await call('POST', `/v1/admin/companies/${none.id}/user-tokens`, { token: ADMIN.replace('Bearer ', ''), body: { label: 'v', role: 'viewer' } })).json.secret;
    const nothing = await call('GET', `/v1/companies/${none.id}/reconciliation?month=2026-03`, { token: noneViewer });
    expect(nothing.status).toBe(409);
    expect(nothing.json.error.message).toContain('keeps no books in QuickBooks');
    const isolation = await call('GET', `/v1/companies/${co.id}/reconciliation?month=2026-03`, { token: other.viewer });
    expect(isolation.status).toBe(404);
  });
});

describe('reconciliation on the Accounting Sync page', () => {
  it('shows the month with both balances and links a CSV', async () => {
    const { co } = await reconciledCompany();
    const { app } = await import('../../worker/app');
    const { simEnv } = await import('./qbo-helpers');
    const signIn = await app.request('http://sync.test/app/sign-in', { method: 'POST', body: new URLSearchParams({ token: co.viewer }), headers: { origin: 'http://sync.test' } }, simEnv());
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await app.request('http://sync.test/app/reconciliation?month=2026-03', { headers: { cookie } }, simEnv());
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Receivables by customer');
    expect(html).toMatch(/data-recon-row="C-2"[\s\S]*?600\.00[\s\S]*?600\.00/);
    expect(html).toContain('/app/reconciliation.csv?month=2026-03');
    const bad = await app.request('http://sync.test/app/reconciliation?month=2999-01', { headers: { cookie } }, simEnv());
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('in the future');
  });
});
