import { createRealm, DEFAULT_CLIENT, type QboSimulator, startQboSimulator } from './index';
import type { RealmSettings } from './types';

/** Shared by the *.test.ts files: a started simulator, one realm, and a token obtained through real OAuth. */
export interface SimHarness {
  sim: QboSimulator;
  realmId: string;
  accessToken: string;
  refreshToken: string;
  api(method: string, path: string, body?: unknown, opts?: { contentType?: string; token?: string }): Promise<ApiReply>;
  control(method: string, path: string, body?: unknown): Promise<ApiReply>;
  create(entity: string, body: unknown, query?: string): Promise<Record<string, any>>;
  close(): Promise<void>;
}

export interface ApiReply {
  status: number;
  // Test code reads arbitrary QBO JSON; `any` keeps assertions terse.
  json: any;
  text: string;
}

export const basicAuth = `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`;
/** Tests run on a fixed sim clock; move it with the control API's /clock. */
export const FIXED_NOW = '2026-03-15T18:00:00Z';
export const REDIRECT = 'http://localhost:9999/callback';

async function reply(res: Response): Promise<ApiReply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // non-JSON bodies (gateway HTML, XML throttles) are asserted via `text`
  }
  return { status: res.status, json, text };
}

/** Runs the consent redirect and the code exchange like a browser plus a backend would. */
export async function authorize(url: string, realmId?: string): Promise<{ code: string; realmId: string; state: string | null }> {
  const q = new URLSearchParams({
    client_id: DEFAULT_CLIENT.clientId,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    redirect_uri: REDIRECT,
    state: 'st-1',
    ...(realmId ? { realmId } : {}),
  });
  const res = await fetch(`${url}/connect/oauth2?${q}`, { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? '');
  return { code: location.searchParams.get('code') ?? '', realmId: location.searchParams.get('realmId') ?? '', state: location.searchParams.get('state') };
}

export async function tokenRequest(url: string, form: Record<string, string>): Promise<ApiReply> {
  const res = await fetch(`${url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { authorization: basicAuth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  return reply(res);
}

/**
 * The sim clock is frozen in tests, so every request lands in the same second; the harness realm
 * lifts the 10/s limit to keep setup-heavy tests simple. limits.test.ts puts the real value back.
 */
const HARNESS_REQUESTS_PER_SECOND = 1_000;

export async function startHarness(options: { clock?: () => Date; realmId?: string; settings?: Partial<RealmSettings> } = {}): Promise<SimHarness> {
  const sim = await startQboSimulator({ clock: options.clock ?? (() => new Date(FIXED_NOW)) });
  const realmId = options.realmId ?? '4620816365000000001';
  const settings = options.settings ?? {};
  createRealm(sim.state, { realmId, settings: { ...settings, limits: { requestsPerSecond: HARNESS_REQUESTS_PER_SECOND, ...settings.limits } as RealmSettings['limits'] } });
  const { code } = await authorize(sim.url, realmId);
  const tokens = await tokenRequest(sim.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  const accessToken: string = tokens.json.access_token;
  const api: SimHarness['api'] = async (method, path, body, opts = {}) => {
    const res = await fetch(`${sim.url}/v3/company/${realmId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${opts.token ?? accessToken}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return reply(res);
  };
  const control: SimHarness['control'] = async (method, path, body) => {
    const res = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return reply(res);
  };
  const create: SimHarness['create'] = async (entity, body, query = '') => {
    const r = await api('POST', `/${entity.toLowerCase()}?minorversion=75${query}`, body);
    if (r.status !== 200) throw new Error(`create ${entity} failed: ${r.status} ${r.text}`);
    return r.json[entity];
  };
  return { sim, realmId, accessToken, refreshToken: tokens.json.refresh_token, api, control, create, close: () => sim.close() };
}

/** Looks up a seeded entity by name through the control API. */
export async function seeded(h: SimHarness, entity: string, name: string): Promise<Record<string, any>> {
  const r = await h.control('GET', `/realms/${h.realmId}/entities/${entity}`);
  const found = (r.json[entity] as Record<string, any>[]).find((e) => e.Name === name || e.DisplayName === name);
  if (!found) throw new Error(`${entity} ${name} not seeded`);
  return found;
}

/** A customer plus an invoice for 150.00 (one Services line), the common starting point. */
export async function customerAndInvoice(h: SimHarness, docNumber = 'INV-1', amount = 150) {
  const customer = await h.create('Customer', { DisplayName: `Cust ${docNumber}` });
  const services = await seeded(h, 'Item', 'Services');
  const invoice = await h.create('Invoice', {
    CustomerRef: { value: customer.Id },
    DocNumber: docNumber,
    TxnDate: '2026-03-01',
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: services.Id } } }],
  });
  return { customer, invoice, services };
}
