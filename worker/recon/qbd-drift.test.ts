import { describe, expect, it } from 'vitest';
import type { ReconRecord } from '../db/recon';
import type { QbdReconSnapshot } from '../qbd';
import type { Balances } from './balances';
import { qbdDrift } from './qbd-drift';

const record = (kind: ReconRecord['kind'], sourceId: string, qbId: string, version = 1, syncedVersion: number | null = 1): ReconRecord => ({
  kind, sourceId, qbId, version, syncedVersion, txnDate: kind === 'customer' ? null : '2026-03-02', docNumber: sourceId, data: '{}', displayName: null, jobId: 1, jobState: 'synced', jobMessage: null, jobVersion: version, syncedAt: null,
});
const sharper: Balances = {
  byAccount: new Map(),
  byCustomer: new Map([['C-1', 80000]]),
  contributions: new Map([['customer:C-1', [{ kind: 'invoice', sourceId: 'INV-1', cents: 100000 }, { kind: 'payment', sourceId: 'PAY-1', cents: -20000 }]]]),
};
const snapshot = (amountCents: number): QbdReconSnapshot => ({
  asOf: '2026-03-31',
  yearStart: '2026-01-01',
  accounts: [],
  openItems: [{ txnId: 'T-INV', txnType: 'Invoice', docNumber: 'INV-1', customerId: 'L-C1', customerName: 'Anchor, Ava', amountCents, openCents: amountCents }],
  deleted: [{ txnId: 'T-PAY', txnType: 'ReceivePayment', refNumber: 'PAY-1', timeDeleted: '2026-04-02T10:00:00-05:00' }],
  reads: [],
});

describe('drift read off a QuickBooks Desktop snapshot', () => {
  it('a deleted payment and an invoice whose amount QuickBooks changed', () => {
    const drift = qbdDrift([record('customer', 'C-1', 'L-C1'), record('invoice', 'INV-1', 'T-INV'), record('payment', 'PAY-1', 'T-PAY')], sharper, snapshot(90000));
    expect(drift).toEqual([
      expect.objectContaining({ kind: 'payment', sourceId: 'PAY-1', deleted: true, message: 'deleted in QuickBooks at 2026-04-02T10:00:00-05:00' }),
      expect.objectContaining({ kind: 'invoice', sourceId: 'INV-1', deleted: false, diff: JSON.stringify([{ field: 'total', sharper: 100000, quickbooks: 90000 }]) }),
    ]);
  });

  it('QuickBooks holding an older version Sharper has not sent yet is not an edit in QuickBooks', () => {
    const drift = qbdDrift([record('customer', 'C-1', 'L-C1'), record('invoice', 'INV-1', 'T-INV', 2, 1)], sharper, { ...snapshot(90000), deleted: [] });
    expect(drift).toEqual([]);
  });

  it('the same amount is no drift', () => {
    expect(qbdDrift([record('customer', 'C-1', 'L-C1'), record('invoice', 'INV-1', 'T-INV')], sharper, { ...snapshot(100000), deleted: [] })).toEqual([]);
  });
});
