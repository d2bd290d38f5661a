import { env, SELF } from 'cloudflare:test';

export const ADMIN = `Bearer ${env.ADMIN_TOKEN}`;
const BASE = 'http://sync.test';

export interface ApiOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A request as a client sends it: bearer token (bare or "Bearer …"), JSON body or raw text. */
export function requestInit(method: string, opts: ApiOptions = {}): RequestInit {
  return {
    method,
    headers: {
      ...(opts.token && { authorization: opts.token.startsWith('Bearer') ? opts.token : `Bearer ${opts.token}` }),
      ...((opts.body !== undefined || opts.raw !== undefined) && { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  };
}

/** Status, text, JSON (null when the body is not JSON) and headers of an answer. */
export async function readResponse(res: Response) {
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function api(method: string, path: string, opts: ApiOptions = {}) {
  return readResponse(await SELF.fetch(`${BASE}${path}`, requestInit(method, opts)));
}

export interface TestCompany {
  id: string;
  mms: string;
  viewer: string;
  operator: string;
}

export async function setupCompany(opts: { name?: string; accountingSystem?: 'qbd' | 'qbo' | 'none'; closingDate?: string } = {}): Promise<TestCompany> {
  const created = await api('POST', '/v1/admin/companies', {
    token: ADMIN,
    body: { name: opts.name ?? 'Harbor Point Marina', accountingSystem: opts.accountingSystem ?? 'qbd', closingDate: opts.closingDate },
  });
  if (created.status !== 201) throw new Error(`company: ${created.status} ${created.text}`);
  const id = created.json.id as string;
  const mms = await api('POST', `/v1/admin/companies/${id}/mms-keys`, { token: ADMIN, body: {} });
  const viewer = await api('POST', `/v1/admin/companies/${id}/user-tokens`, { token: ADMIN, body: { label: 'Vera Viewer', role: 'viewer' } });
  const operator = await api('POST', `/v1/admin/companies/${id}/user-tokens`, { token: ADMIN, body: { label: 'Otto Operator', role: 'operator' } });
  return { id, mms: mms.json.secret, viewer: viewer.json.secret, operator: operator.json.secret };
}

export const put = (co: TestCompany, slug: string, id: string, body: unknown) =>
  api('PUT', `/v1/companies/${co.id}/records/${slug}/${id}`, { token: co.mms, body });

/** A small chart: the lists an invoice needs. */
export async function seedLists(co: TestCompany) {
  const results = await Promise.all([
    put(co, 'accounts', 'A-4000', { name: 'Slip Rental Income', number: '4000', type: 'income' }),
    put(co, 'terms', 'T-NET30', { name: 'Net 30', netDays: 30 }),
    put(co, 'sales-tax-items', 'TX-FL', { name: 'FL 7%', rate: '7', agency: 'Florida Department of Revenue' }),
  ]);
  for (const r of results) if (r.status >= 300) throw new Error(r.text);
  const more = await Promise.all([
    put(co, 'customers', 'C-1', { name: 'Jane Boater', email: 'jane@example.com', terms: 'T-NET30' }),
    put(co, 'items', 'P-SLIP40', { name: 'Slip Rental 40ft', type: 'service', price: '1200.00', incomeAccount: 'A-4000' }),
  ]);
  for (const r of more) if (r.status >= 300) throw new Error(r.text);
}

export function invoice(overrides: Record<string, unknown> = {}) {
  return {
    customer: 'C-1',
    date: '2026-03-01',
    docNumber: '1042',
    terms: 'T-NET30',
    taxItem: 'TX-FL',
    lines: [
      {
        item: 'P-SLIP40',
        description: 'Slip B-12, March 2026 (prorated 15 of 31 days)',
        quantity: '1',
        rate: '580.65',
        amount: '580.65',
        taxable: true,
        servicePeriod: { start: '2026-03-17', end: '2026-03-31' },
      },
    ],
    tax: '40.65',
    total: '621.30',
    ...overrides,
  };
}
