import { expect } from 'vitest';
import { reconInvoice, reconLists, reconMonth } from '../fixtures/recon-month';
import { call, connect, createQboCompany, newRealm, runCron } from './qbo-helpers';

/** The shared reconciliation month, as Sharper sends it to a QuickBooks Online company. */
export const lists = reconLists();
export const inv = (id: string, customer: string, date: string, cents: number, item = 'P-SLIP') => reconInvoice(id, customer, date, cents, item);

export async function reconciledCompany() {
  const co = await createQboCompany('Recon Marina');
  await call('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200' } } });
  const realm = await newRealm();
  await connect(co, realm);
  const records = reconMonth();
  const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
  expect(res.json.summary.rejected).toBe(0);
  await runCron();
  return { co, realm };
}

