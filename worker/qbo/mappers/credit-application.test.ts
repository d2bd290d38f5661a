import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../../queue';
import { applicationSignature, nextCreditMemoStep } from './credit-application';
import { planCreditMemoWrite } from './index';

const QB: Record<string, string> = { 'customer:C-1': '58', 'item:P-SLIP': '7', 'invoice:INV-1': '130', 'invoice:INV-2': '131' };
const lookup = (kind: string, id: string) => QB[`${kind}:${id}`];

const memo = (applications: { invoice: string; amount: number }[], total = 3000) => ({
  customer: 'C-1',
  date: '2026-03-05',
  docNumber: 'CM-1',
  lines: [{ item: 'P-SLIP', amount: total }],
  tax: 0,
  applications,
});

function job(data: unknown, over: Partial<ClaimedJob> = {}): ClaimedJob {
  return { id: 9, claimToken: 't', jobType: 'Creditmemoimport', kind: 'credit_memo', sourceId: 'CM-1', version: 2, action: 'upsert', attempt: 1, inDoubt: false, docNumber: 'CM-1', data, existing: null, ...over };
}

const inQbo = { qbId: '140', qbLock: '3' };
const applied = (applications: { invoice: string; amount: number }[]) => ({ paymentQbId: '500', syncToken: '0', signature: applicationSignature(memo(applications))! });
const next = (j: ClaimedJob, stored: ReturnType<typeof applied> | undefined, written: boolean) => {
  const r = nextCreditMemoStep(j, stored, written, lookup);
  return r.ok ? r.value : r.error;
};
const plan = (j: ClaimedJob, stored?: ReturnType<typeof applied>, written = false) => {
  const r = planCreditMemoWrite(j, lookup, {}, stored, written);
  return r.ok ? r.value : r.error;
};

describe('a credit memo job, one write at a time', () => {
  it('a new memo: the memo first, its application to follow; then the zero-amount payment linking both', () => {
    const apps = [{ invoice: 'INV-1', amount: 2000 }, { invoice: 'INV-2', amount: 1000 }];
    expect(next(job(memo(apps)), undefined, false)).toEqual({ step: 'memo', thenApply: true });
    expect(plan(job(memo(apps)))).toMatchObject({ entity: 'CreditMemo', operation: 'create', batchable: true, continues: true });
    const written = job(memo(apps), { existing: { qbId: '140', qbLock: '0' } });
    expect(next(written, undefined, true)).toEqual({
      step: 'apply',
      body: {
        CustomerRef: { value: '58' },
        TotalAmt: 0,
        TxnDate: '2026-03-05',
        PrivateNote: 'Applies credit memo CM-1 to invoice INV-1 (20.00), invoice INV-2 (10.00)\nSharper credit_memo CM-1',
        Line: [
          { Amount: 20, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
          { Amount: 10, LinkedTxn: [{ TxnId: '131', TxnType: 'Invoice' }] },
          { Amount: 30, LinkedTxn: [{ TxnId: '140', TxnType: 'CreditMemo' }] },
        ],
      },
    });
    expect(plan(written, undefined, true)).toMatchObject({ entity: 'Payment', operation: 'create', batchable: true, step: 'apply' });
    expect(next(written, applied(apps), true)).toEqual({ step: 'done' });
  });

  it('a job resuming in a later run (memo in QBO, not applied yet) updates the memo, then applies it: never a second memo', () => {
    const apps = [{ invoice: 'INV-1', amount: 3000 }];
    expect(plan(job(memo(apps), { existing: inQbo }))).toMatchObject({ entity: 'CreditMemo', operation: 'update', body: { Id: '140', SyncToken: '3' }, continues: true });
    expect(plan(job(memo(apps), { existing: inQbo }))).not.toHaveProperty('value.body.sparse');
  });

  it('a memo without applications is just the memo', () => {
    expect(next(job(memo([])), undefined, false)).toEqual({ step: 'memo', thenApply: false });
    const p = plan(job(memo([]))) as any;
    expect(p).toMatchObject({ entity: 'CreditMemo', operation: 'create' });
    expect(p.continues).toBeUndefined();
  });

  it('a changed application is removed before the memo changes; an unchanged one is kept (order of applications does not matter)', () => {
    const old = [{ invoice: 'INV-1', amount: 3000 }];
    const changed = job(memo([{ invoice: 'INV-2', amount: 2000 }], 2000), { existing: inQbo });
    expect(next(changed, applied(old), false)).toEqual({ step: 'unapply', body: { Id: '500', SyncToken: '0' } });
    expect(plan(changed, applied(old))).toMatchObject({ entity: 'Payment', operation: 'delete', step: 'unapply', continues: true });
    expect(next(changed, undefined, false)).toEqual({ step: 'memo', thenApply: true });
    const two = [{ invoice: 'INV-1', amount: 2000 }, { invoice: 'INV-2', amount: 1000 }];
    const reordered = job(memo([...two].reverse()), { existing: inQbo });
    expect(next(reordered, applied(two), false)).toEqual({ step: 'memo', thenApply: false });
    // A drift restore (same version sent again) rewrites the memo and keeps its application.
    expect(plan(reordered, applied(two))).toMatchObject({ entity: 'CreditMemo', operation: 'update', body: { Id: '140', SyncToken: '3' } });
  });

  it('a memo QuickBooks no longer has is created anew with a new application (the old one linked the old memo)', () => {
    const apps = [{ invoice: 'INV-1', amount: 3000 }];
    expect(next(job(memo(apps)), applied(apps), false)).toMatchObject({ step: 'unapply' });
  });

  it('a delete removes the application first; a void (which QBO cannot do) leaves it alone and is held', () => {
    const apps = [{ invoice: 'INV-1', amount: 3000 }];
    expect(next(job(memo(apps), { action: 'delete', existing: inQbo }), applied(apps), false)).toMatchObject({ step: 'unapply' });
    expect(plan(job(memo(apps), { action: 'delete', existing: inQbo }))).toMatchObject({ entity: 'CreditMemo', operation: 'delete' });
    expect(plan(job(memo(apps), { action: 'void', existing: inQbo }), applied(apps))).toMatchObject({ reason: 'unsupported', code: 'VOID_NOT_SUPPORTED' });
  });

  it('an application whose invoice QBO does not have (any more) waits for it', () => {
    const written = job(memo([{ invoice: 'INV-9', amount: 3000 }]), { existing: inQbo });
    expect(next(written, undefined, true)).toMatchObject({ reason: 'missing_refs', refs: [{ kind: 'invoice', id: 'INV-9', field: 'applications[0].invoice' }] });
  });
});
