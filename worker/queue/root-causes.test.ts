import { describe, expect, it } from 'vitest';
import type { JobRow } from '../db/job-rows';
import { fixFor, groupByRootCause, normalizeCause } from './root-causes';

const job = (id: number, over: Partial<JobRow>): JobRow => ({
  id,
  companyId: 'c',
  target: 'qbd',
  jobType: 'Invoiceimport',
  recordKind: 'invoice',
  sourceId: `INV-${id}`,
  version: 1,
  action: 'upsert',
  state: 'held',
  rank: 3,
  attempts: 0,
  runAfter: 0,
  leaseUntil: null,
  inDoubt: false,
  retryable: false,
  lastCode: 'INACTIVE_REFERENCE',
  lastMessage: null,
  docNumber: String(1000 + id),
  txnDate: '2026-03-01',
  displayName: null,
  qbId: null,
  createdAt: '',
  updatedAt: '',
  syncedAt: null,
  ...over,
});

describe('root causes', () => {
  it("takes the job's own document number out of the message", () => {
    expect(
      normalizeCause({ docNumber: '1042', sourceId: 'INV-1042', lastMessage: "Invoice 1042 uses product 'Slip 1042ft' (P-17), which is inactive" }),
    ).toBe("Invoice … uses product 'Slip 1042ft' (P-17), which is inactive");
  });

  it('groups the same cause across invoices and keeps different causes apart', () => {
    const msg = (doc: number, product: string) => `Invoice ${doc} uses product '${product}', which is inactive in Sharper: activate it, then requeue.`;
    const groups = groupByRootCause([
      job(1, { lastMessage: msg(1001, 'Winter Storage') }),
      job(2, { lastMessage: msg(1002, 'Winter Storage') }),
      job(3, { lastMessage: msg(1003, 'Old Fuel') }),
      job(4, { state: 'failed', lastCode: 'QB_3140', lastMessage: 'There is an invalid reference to QuickBooks Customer "Reef, Omar"' }),
    ]);
    expect(groups.map((g) => [g.count, g.code, g.jobIds])).toEqual([
      [2, 'INACTIVE_REFERENCE', [1, 2]],
      [1, 'INACTIVE_REFERENCE', [3]],
      [1, 'QB_3140', [4]],
    ]);
    expect(groups[0].fix).toContain('active in Sharper');
    expect(groups[0].examples).toEqual(['1001', '1002']);
  });

  it('says what to do for the causes accountants meet most, and falls back to the message for the rest', () => {
    expect(fixFor('CLOSED_PERIOD')).toContain('closing date');
    expect(fixFor('CREDIT_OVERAPPLIED')).toContain('unapply the difference in QuickBooks');
    expect(fixFor('QBO_6000')).toContain('Fix the cause named in the message');
  });
});
