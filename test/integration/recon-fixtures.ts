import { expect } from 'vitest';
import { call, connect, createQboCompany, newRealm, runCron } from './qbo-helpers';

/** A small QBO marina month for the reconciliation tests. */
export const lists = [
  { kind: 'account', id: 'A-1100', data: { number: '1100', name: 'Accounts Receivable', type: 'accounts_receivable' } },
  { kind: 'account', id: 'A-1200', data: { number: '1200', name: 'Undeposited Funds', type: 'other_current_asset' } },
  { kind: 'account', id: 'A-4000', data: { number: '4000', name: 'Slip Rental Income', type: 'income' } },
  { kind: 'account', id: 'A-4200', data: { number: '4200', name: 'Fuel Sales', type: 'income' } },
  { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '1000.00', incomeAccount: 'A-4000', taxable: false } },
  { kind: 'item', id: 'P-FUEL', data: { name: 'Marine Diesel', type: 'non_inventory', price: '5.00', incomeAccount: 'A-4200', taxable: false } },
  { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
  { kind: 'customer', id: 'C-2', data: { name: 'Bay, Ben' } },
  { kind: 'customer', id: 'C-3', data: { name: 'Cove, Carl' } },
];
export const inv = (id: string, customer: string, date: string, cents: number, item = 'P-SLIP') => ({
  kind: 'invoice',
  id,
  data: { customer, date, docNumber: id.replace('INV-', ''), lines: [{ item, amount: (cents / 100).toFixed(2) }], tax: '0' },
});
export const pay = (id: string, customer: string, date: string, cents: number, invoice: string) => ({
  kind: 'payment',
  id,
  data: { customer, date, method: 'check', depositAccount: 'A-1200', amount: (cents / 100).toFixed(2), applications: [{ invoice, amount: (cents / 100).toFixed(2) }] },
});

export async function reconciledCompany() {
  const co = await createQboCompany('Recon Marina');
  await call('PATCH', `/v1/companies/${co.id}/settings`, { token: co.operator, body: { settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200' } } });
  const realm = await newRealm();
  await connect(co, realm);
  const records = [
    ...lists,
    inv('INV-101', 'C-1', '2026-03-02', 100000),
    inv('INV-102', 'C-2', '2026-03-03', 120000),
    inv('INV-103', 'C-3', '2026-03-04', 5000, 'P-FUEL'),
    pay('PAY-1', 'C-1', '2026-03-10', 100000, 'INV-101'),
    pay('PAY-2', 'C-2', '2026-03-11', 60000, 'INV-102'),
  ];
  const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
  expect(res.json.summary.rejected).toBe(0);
  await runCron();
  return { co, realm };
}

