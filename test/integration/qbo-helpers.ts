import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, inject } from 'vitest';
import { app } from '../../worker/app';
import worker from '../../worker/index';
import { demoCompanyOperations } from '../fixtures/demo-company';
import { ADMIN, readResponse, requestInit, type ApiOptions, type TestCompany } from './helpers';

export const SIM = () => inject('qboSimUrl');

/** The Worker's env pointed at the simulator (its port is only known at run time). */
export const simEnv = () => ({ ...env, QBO_API_BASE: SIM(), QBO_OAUTH_BASE: SIM() }) as Env;

export async function call(method: string, path: string, opts: ApiOptions = {}) {
  return readResponse(await app.request(`http://sync.test${path}`, { ...requestInit(method, opts), redirect: 'manual' }, simEnv()));
}

export async function sim(method: string, path: string, body?: unknown) {
  const res = await fetch(`${SIM()}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

let realmCounter = 0;
/** A fresh simulated QBO company per test. */
export async function newRealm(settings: Record<string, unknown> = {}): Promise<string> {
  const realmId = `9${Date.now() % 1e9}${String(realmCounter++).padStart(3, '0')}`;
  await sim('POST', '/realms', { realmId, settings });
  return realmId;
}

/** Operator clicks "connect", the simulator consents and redirects back to the callback. */
export async function connect(co: TestCompany, realmId: string) {
  const started = await call('GET', `/v1/companies/${co.id}/qbo/connect?environment=sandbox&format=json`, { token: co.operator });
  expect(started.status).toBe(200);
  const url = new URL(started.json.authorizeUrl);
  url.searchParams.set('realmId', realmId);
  const consent = await fetch(url, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const done = await call('GET', `/v1/qbo/oauth/callback${back.search}`);
  expect(done.status, done.text).toBe(200);
  return { state: back.searchParams.get('state')!, callbackQuery: back.search };
}

/** One hourly cron run; `vars` override the Worker's settings for it (e.g. QBO_REPLAY_WINDOW_S). */
export async function runCron(vars: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '0 * * * *' }), { ...simEnv(), ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
}

export async function createQboCompany(name = 'Harbor Point Marina'): Promise<TestCompany> {
  const created = await call('POST', '/v1/admin/companies', { token: ADMIN.replace('Bearer ', ''), body: { name, accountingSystem: 'qbo' } });
  const id = created.json.id as string;
  const mms = await call('POST', `/v1/admin/companies/${id}/mms-keys`, { token: ADMIN.replace('Bearer ', ''), body: {} });
  const viewer = await call('POST', `/v1/admin/companies/${id}/user-tokens`, { token: ADMIN.replace('Bearer ', ''), body: { label: 'V', role: 'viewer' } });
  const operator = await call('POST', `/v1/admin/companies/${id}/user-tokens`, { token: ADMIN.replace('Bearer ', ''), body: { label: 'O', role: 'operator' } });
  return { id, mms: mms.json.secret, viewer: viewer.json.secret, operator: operator.json.secret };
}

export async function ingest(co: TestCompany, ops = demoCompanyOperations(42, 12)) {
  for (let i = 0; i < ops.length; i += 500) {
    const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: ops.slice(i, i + 500) } });
    expect(res.status, res.text).toBeLessThan(300);
  }
  return ops;
}

export const entities = async (realmId: string, entity: string): Promise<any[]> => (await sim('GET', `/realms/${realmId}/entities/${entity}`))[entity] ?? [];
export const jobCounts = async (co: TestCompany) => (await call('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState;
