import { inject } from 'vitest';
import { demoCompanyOperations } from '../fixtures/demo-company';
import { createQbdCompany, parseQwc, runWebConnector, type QbdCompany, type WebConnectorFault } from '../sim/qbd/index';

/** Test support for full Web Connector conversations against the real `wrangler dev` Worker. */
export const PASSWORD = 'harbor-point-qbwc-2026';

export async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${inject('workerUrl')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any -- test helper reads loosely
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

export interface DesktopMarina {
  id: string;
  mms: string;
  operator: string;
  appUrl: string;
  username: string;
  ownerId: string;
  fileId: string;
}

/** A qbd company with the demo marina's records queued and a Web Connector password set. */
export async function desktopMarina(customers = 6, records = demoCompanyOperations(42, customers)): Promise<DesktopMarina> {
  const admin = inject('adminToken');
  const co = await call('POST', '/v1/admin/companies', admin, {
    name: `Harbor Point Marina ${Math.random().toString(36).slice(2, 7)}`,
    accountingSystem: 'qbd',
    settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200', defaultIncomeAccount: 'A-4000' },
  });
  const id = co.json.id as string;
  const mms = (await call('POST', `/v1/admin/companies/${id}/mms-keys`, admin, {})).json.secret;
  const operator = (await call('POST', `/v1/admin/companies/${id}/user-tokens`, admin, { label: 'Otto', role: 'operator' })).json.secret;
  const bulk = await call('POST', `/v1/companies/${id}/records/bulk`, mms, { records });
  if (bulk.status !== 200) throw new Error(bulk.text);
  const pw = await call('PUT', `/v1/companies/${id}/qbd/password`, operator, { password: PASSWORD });
  if (pw.status !== 200) throw new Error(pw.text);
  // QBWC refuses IP-address URLs, so the .qwc is fetched through "localhost"; the run itself uses the IP.
  const local = inject('workerUrl').replace('127.0.0.1', 'localhost');
  const qwcText = await (await fetch(`${local}/v1/companies/${id}/qbd/connection.qwc`, { headers: { authorization: `Bearer ${operator}` } })).text();
  const qwc = parseQwc(qwcText);
  return { id, mms, operator, appUrl: `${inject('workerUrl')}/qbwc`, username: qwc.userName, ownerId: qwc.ownerId, fileId: qwc.fileId };
}

export function runQbwc(m: DesktopMarina, company: QbdCompany, faults: WebConnectorFault[] = [], password = PASSWORD) {
  return runWebConnector({ appUrl: m.appUrl, username: m.username, password, company, options: { ownerId: m.ownerId, fileId: m.fileId, faults, noOpDelayMs: 10 } });
}

export const newCompanyFile = (name = 'Harbor Point Marina') =>
  createQbdCompany({ companyName: name, filePath: `C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\${name.replace(/\W+/g, '')}.QBW` });

/** Runs sessions until QuickBooks has nothing more to take (the Web Connector's "Update" clicked again). */
export async function syncUntilDone(m: DesktopMarina, company: QbdCompany, max = 6) {
  const runs = [];
  for (let i = 0; i < max; i++) {
    const run = await runQbwc(m, company);
    runs.push(run);
    if (run.status === 'noWork') break;
  }
  return runs;
}

export async function jobs(m: DesktopMarina, query = '') {
  const all: { id: number; type: string; state: string; record: { kind: string; id: string }; message: string | null; qbId: string | null; inDoubt: boolean }[] = [];
  let cursor = '';
  for (;;) {
    const res = await call('GET', `/v1/companies/${m.id}/jobs?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`, m.operator);
    all.push(...res.json.jobs);
    if (!res.json.nextCursor) return all;
    cursor = res.json.nextCursor;
  }
}
