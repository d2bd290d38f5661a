import { describe, expect, it } from 'vitest';
import { generateMarinaYear } from '../../test/fixtures/marina-year';
import { recordKindSpecs } from '../ledger';
import { computeBalances, type PostedRecord } from './balances';
import type { PostingContext } from './postings';

const ctx: PostingContext = {
  arAccount: 'A-1100',
  undepositedFundsAccount: 'A-1200',
  salesTaxPayableAccount: 'A-2200',
  defaultIncomeAccount: 'A-4000',
  incomeAccountOf: (item) => ({ 'P-FUEL': 'A-4200', 'P-TRANS': 'A-4010' })[item] ?? 'A-4000',
};

describe('Sharper-side balances', () => {
  it('posts an invoice, a payment, a credit memo and a refund to the right accounts', () => {
    const records: PostedRecord[] = [
      { kind: 'invoice', sourceId: 'I1', txnDate: '2026-03-01', data: { customer: 'C1', date: '2026-03-01', docNumber: '1', lines: [{ item: 'P-SLIP40', amount: 100000 }, { item: 'P-FUEL', amount: 5000 }], tax: 6300 } },
      { kind: 'payment', sourceId: 'P1', txnDate: '2026-03-05', data: { customer: 'C1', date: '2026-03-05', method: 'card', amount: 50000, applications: [] } },
      { kind: 'credit_memo', sourceId: 'M1', txnDate: '2026-03-06', data: { customer: 'C1', date: '2026-03-06', docNumber: 'M1', lines: [{ item: 'P-FUEL', amount: 1000 }], tax: 0, applications: [] } },
      { kind: 'refund', sourceId: 'R1', txnDate: '2026-03-07', data: { customer: 'C1', amount: 1000, account: 'A-1010' } },
      { kind: 'invoice', sourceId: 'I2', txnDate: '2026-04-01', data: { customer: 'C1', lines: [{ item: 'P-SLIP40', amount: 99 }], tax: 0 } },
    ];
    const b = computeBalances(records, '2026-03-31', ctx);
    expect(b.byCustomer.get('C1')).toBe(111300 - 50000 - 1000 + 1000);
    expect(Object.fromEntries(b.byAccount)).toEqual({ 'A-1100': 61300, 'A-4000': -100000, 'A-4200': -4000, 'A-2200': -6300, 'A-1200': 50000, 'A-1010': -1000 });
    expect([...b.byAccount.values()].reduce((a, c) => a + c, 0)).toBe(0);
    expect(b.contributions.get('customer:C1')?.map((c) => c.sourceId)).toEqual(['I1', 'P1', 'M1', 'R1']);
  });

  it('a generated year balances and agrees with the generator on every customer', () => {
    const year = generateMarinaYear({ seed: 11, customers: 60 });
    // Apply each month's operations and changes in order, keeping the latest version; voids drop out.
    const latest = new Map<string, PostedRecord>();
    for (const m of year.months) {
      for (const op of [...m.operations, ...m.afterSync]) {
        const key = `${op.kind}:${op.id}`;
        if (op.op === 'void' || op.op === 'delete') latest.delete(key);
        else if (!year.expectedHeld.has(key)) latest.set(key, { kind: op.kind as PostedRecord['kind'], sourceId: op.id, txnDate: (op.data as { date?: string }).date ?? '0000-00-00', data: recordKindSpecs[op.kind as PostedRecord['kind']].schema.parse(op.data) });
      }
    }
    const b = computeBalances([...latest.values()], '2026-12-31', ctx);
    expect([...b.byAccount.values()].reduce((a, c) => a + c, 0)).toBe(0);
    for (const [customer, cents] of year.arByCustomer) expect(`${customer} ${b.byCustomer.get(customer) ?? 0}`).toBe(`${customer} ${cents}`);
  });
});
