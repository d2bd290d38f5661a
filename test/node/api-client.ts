import { inject } from 'vitest';

/** HTTP helpers for Node tests that drive the real Worker under wrangler dev. */
export async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${inject('workerUrl')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export async function createTestCompany(name: string, accountingSystem: 'qbd' | 'qbo' | 'none' = 'qbd') {
  const admin = inject('adminToken');
  const company = (await call('POST', '/v1/admin/companies', admin, { name, accountingSystem })).json;
  const mms = (await call('POST', `/v1/admin/companies/${company.id}/mms-keys`, admin, {})).json.secret as string;
  const viewer = (await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, admin, { label: 'Vera (bookkeeper)', role: 'viewer' })).json.secret as string;
  const operator = (await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, admin, { label: 'Otto (controller)', role: 'operator' })).json.secret as string;
  return { id: company.id as string, mms, viewer, operator };
}
