import { describe, expect, it } from 'vitest';
import type { ReconRecord } from '../db/recon';
import { compareBooks } from './compare';

const record = (kind: ReconRecord['kind'], sourceId: string, qbId: string, extra: Partial<ReconRecord> = {}): ReconRecord => ({
  kind,
  sourceId,
  txnDate: kind === 'invoice' ? '2026-03-02' : null,
  docNumber: null,
  data: '{}',
  displayName: sourceId,
  jobId: 1,
  jobState: 'synced',
  jobMessage: null,
  jobVersion: 1,
  version: 1,
  qbId,
  syncedVersion: 1,
  syncedAt: '2026-04-01T09:00:00.000Z',
  ...extra,
});

/**
 * Sharper: one synced invoice of 100.00 (slip income). QuickBooks: the same, plus what a test adds —
 * QuickBooks-only invoices (A/R from the aging report) and account totals from the trial balance.
 */
function books(qbOnly: { txnId: string; cents: number }[], qbAccounts: Record<string, number>) {
  return compareBooks({
    records: [
      record('customer', 'C-1', 'QC1'),
      record('account', 'A-1100', 'QA1100'),
      record('account', 'A-4000', 'QA4000'),
      record('account', 'A-4200', 'QA4200'),
      record('invoice', 'INV-1', 'QI1'),
    ],
    sharper: {
      byAccount: new Map([['A-1100', 10000], ['A-4000', -10000], ['A-4200', 0]]),
      byCustomer: new Map([['C-1', 10000]]),
      contributions: new Map([
        ['customer:C-1', [{ kind: 'invoice' as const, sourceId: 'INV-1', cents: 10000 }]],
        ['account:A-1100', [{ kind: 'invoice' as const, sourceId: 'INV-1', cents: 10000 }]],
        ['account:A-4000', [{ kind: 'invoice' as const, sourceId: 'INV-1', cents: -10000 }]],
      ]),
    },
    qbOpenItems: [
      { txnId: 'QI1', txnType: 'Invoice', docNumber: '1', customerId: 'QC1', customerName: 'C-1', openCents: 10000 },
      ...qbOnly.map((q) => ({ txnId: q.txnId, txnType: 'Invoice', docNumber: q.txnId, customerId: 'QC1', customerName: 'C-1', openCents: q.cents })),
    ],
    qbAccounts: Object.entries(qbAccounts).map(([qbId, cents]) => ({ qbId, name: qbId, cents })),
    drift: [],
    pendingRemovals: [],
    arAccount: 'A-1100',
  });
}

const row = (b: ReturnType<typeof books>, id: string) => b.accounts.find((a) => a.id === id)!;

describe('compareBooks: the other side of what QuickBooks has on its own', () => {
  it('attributes each QuickBooks-only invoice\'s income to the account it went to', () => {
    const b = books([{ txnId: 'Q-A', cents: 4500 }, { txnId: 'Q-B', cents: 1200 }], { QA1100: 15700, QA4000: -14500, QA4200: -1200 });
    expect(row(b, 'A-1100')).toMatchObject({ difference: -5700, unexplained: 0 });
    expect(row(b, 'A-4000')).toMatchObject({ difference: 4500, unexplained: 0 });
    expect(row(b, 'A-4000').explanations).toEqual([expect.objectContaining({ reason: 'only_in_quickbooks', cents: 4500, quickbooksId: 'Q-A', message: 'the other side of: Invoice Q-A exists only in QuickBooks' })]);
    expect(row(b, 'A-4200').explanations).toEqual([expect.objectContaining({ quickbooksId: 'Q-B', cents: 1200 })]);
  });

  it('leaves a difference unexplained when the other accounts do not add up to those invoices', () => {
    // 45.00 only in QuickBooks, but income is off by 50.00: something else happened there too.
    const b = books([{ txnId: 'Q-A', cents: 4500 }], { QA1100: 14500, QA4000: -15000 });
    expect(row(b, 'A-1100').unexplained).toBe(0);
    expect(row(b, 'A-4000')).toMatchObject({ difference: 5000, unexplained: 5000, explanations: [] });
  });

  it('splits one invoice over several accounts only as shares, naming it on each', () => {
    // One QuickBooks-only invoice of 45.00: 40.00 slip income, 5.00 fuel.
    const b = books([{ txnId: 'Q-A', cents: 4500 }], { QA1100: 14500, QA4000: -14000, QA4200: -500 });
    expect(row(b, 'A-4000')).toMatchObject({ unexplained: 0 });
    expect(row(b, 'A-4200')).toMatchObject({ unexplained: 0 });
    expect(row(b, 'A-4200').explanations).toEqual([expect.objectContaining({ reason: 'only_in_quickbooks', cents: 500, message: 'the other side of: Invoice Q-A exists only in QuickBooks' })]);
  });
});

describe('compareBooks: figures taken before a record reached QuickBooks', () => {
  const later = (figuresTakenAt: string | undefined, extra: Partial<ReconRecord>) =>
    compareBooks({
      records: [record('customer', 'C-1', 'QC1'), record('account', 'A-1100', 'QA1100'), record('invoice', 'INV-1', 'QI1', { syncedAt: '2026-04-02T10:00:00.000Z', ...extra })],
      sharper: {
        byAccount: new Map([['A-1100', 10000]]),
        byCustomer: new Map([['C-1', 10000]]),
        contributions: new Map([['customer:C-1', [{ kind: 'invoice' as const, sourceId: 'INV-1', cents: 10000 }]]]),
      },
      qbOpenItems: [],
      qbAccounts: [{ qbId: 'QA1100', name: 'A/R', cents: 0 }],
      drift: [],
      pendingRemovals: [],
      figuresTakenAt,
    }).customers[0];

  it('an invoice added after the figures explains its whole amount, saying to refresh', () => {
    const c = later('2026-04-02T09:00:00.000Z', {});
    expect(c).toMatchObject({ difference: 10000, unexplained: 0 });
    expect(c.explanations[0]).toMatchObject({ reason: 'synced_after_figures', cents: 10000 });
    expect(c.explanations[0].message).toContain('refresh=1');
  });

  it('a change synced after the figures is named but not priced; before them it explains nothing', () => {
    const changed = later('2026-04-02T09:00:00.000Z', { version: 2, jobVersion: 2, syncedVersion: 2 });
    expect(changed.explanations[0]).toMatchObject({ reason: 'synced_after_figures', cents: null });
    expect(changed.unexplained).toBe(10000);
    expect(later('2026-04-02T11:00:00.000Z', {}).explanations).toEqual([]);
    expect(later(undefined, {}).explanations).toEqual([]);
  });
});
