import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../../queue';
import { entityBody, planRefundWrite, RefResolver } from './index';
import { refundLinkSignature, type OverpaymentInQbo, type StoredRefundLink } from './refund-link';

const QB: Record<string, string> = { 'customer:C-1': '58', 'account:A-1010': '35', 'account:A-1100': '84', 'credit_memo:CM-1': '140', 'payment:P-1': '150' };
const lookup = (kind: string, id: string) => QB[`${kind}:${id}`];
const settings = { arAccount: 'A-1100' };

const refund = (over: Record<string, unknown> = {}) => ({ customer: 'C-1', date: '2026-03-06', of: { kind: 'credit_memo', id: 'CM-1' }, amount: 5000, method: 'check', account: 'A-1010', ...over });
function job(data: unknown, over: Partial<ClaimedJob> = {}): ClaimedJob {
  return { id: 9, claimToken: 't', jobType: 'Refundimport', kind: 'refund', sourceId: 'RF-1', version: 2, action: 'upsert', attempt: 1, inDoubt: false, docNumber: null, data, existing: null, ...over };
}
const je = { qbId: '200', qbLock: '0' };
const memoLink = (d = refund()): StoredRefundLink => ({ ofKind: 'credit_memo', ofSourceId: 'CM-1', jeQbId: '200', linkQbId: '500', syncToken: '0', amount: 5000, signature: refundLinkSignature(d as any) });
const overpayment: OverpaymentInQbo = { qbId: '150', syncToken: '4', body: { CustomerRef: { value: '58' }, TotalAmt: 80, TxnDate: '2026-03-04', Line: [], PrivateNote: 'Sharper payment P-1' } };
const none = new Map<string, OverpaymentInQbo>();
const plan = (j: ClaimedJob, linked?: StoredRefundLink, written = false, overpayments = none) => {
  const r = planRefundWrite(j, lookup, settings, linked, overpayments, written);
  return r.ok ? r.value : r.error;
};

describe('a refund job, one write at a time', () => {
  it('a new refund of a credit memo: the journal entry first, then a zero-amount payment linking it and the memo', () => {
    expect(plan(job(refund()))).toMatchObject({ entity: 'JournalEntry', operation: 'create', continues: true });
    expect(plan(job(refund(), { existing: je }), undefined, true)).toEqual({
      entity: 'Payment',
      operation: 'create',
      batchable: true,
      step: 'link',
      body: {
        CustomerRef: { value: '58' },
        TotalAmt: 0,
        TxnDate: '2026-03-06',
        PrivateNote: 'Links refund RF-1 (50.00) to credit memo CM-1\nSharper refund RF-1',
        Line: [
          { Amount: 50, LinkedTxn: [{ TxnId: '200', TxnType: 'JournalEntry' }] },
          { Amount: 50, LinkedTxn: [{ TxnId: '140', TxnType: 'CreditMemo' }] },
        ],
      },
    });
  });

  it('linked and unchanged: a resumed job updates the journal entry without linking again, then is done', () => {
    expect(plan(job(refund(), { existing: je }), memoLink())).toMatchObject({ entity: 'JournalEntry', operation: 'update' });
    expect(plan(job(refund(), { existing: je }), memoLink())).not.toHaveProperty('continues');
    expect(plan(job(refund(), { existing: je }), memoLink(), true)).toBe('done');
  });

  it('a changed amount, or a delete: the link is removed before the journal entry changes', () => {
    const changed = job(refund({ amount: 3000 }), { existing: je });
    expect(plan(changed, memoLink())).toEqual({ entity: 'Payment', operation: 'delete', body: { Id: '500', SyncToken: '0' }, batchable: true, step: 'unlink', continues: true });
    expect(plan(changed)).toMatchObject({ entity: 'JournalEntry', operation: 'update', continues: true });
    expect(plan(job(refund(), { existing: je, action: 'delete' }), memoLink())).toMatchObject({ step: 'unlink', operation: 'delete' });
    expect(plan(job(refund(), { existing: je, action: 'delete' }))).toMatchObject({ entity: 'JournalEntry', operation: 'delete' });
  });

  it('a refund of an overpayment: the overpaying payment is updated in full with a line linking the journal entry; a change removes it first', () => {
    const ofPayment = refund({ of: { kind: 'payment', id: 'P-1' }, amount: 8000 });
    const overpayments = new Map([['P-1', overpayment]]);
    expect(plan(job(ofPayment, { existing: je }), undefined, true, overpayments)).toEqual({
      entity: 'Payment',
      operation: 'update',
      batchable: true,
      step: 'link',
      body: { ...overpayment.body, Id: '150', SyncToken: '4', Line: [{ Amount: 80, LinkedTxn: [{ TxnId: '200', TxnType: 'JournalEntry' }] }] },
    });
    const stored: StoredRefundLink = { ...memoLink(ofPayment), ofKind: 'payment', ofSourceId: 'P-1', linkQbId: '150' };
    expect(plan(job({ ...ofPayment, amount: 6000 }, { existing: je }), stored, false, overpayments)).toEqual({
      entity: 'Payment', operation: 'update', batchable: true, step: 'unlink', continues: true, body: { ...overpayment.body, Id: '150', SyncToken: '4' },
    });
    // The payment not in QBO (yet): the link waits for it.
    expect(plan(job(ofPayment, { existing: je }), undefined, true)).toEqual({ reason: 'missing_refs', refs: [{ kind: 'payment', id: 'P-1', field: 'of.id' }] });
  });

  it("a payment's own update keeps the lines linking the refunds of it", () => {
    const payment = { customer: 'C-1', date: '2026-03-04', amount: 8000, method: 'check', depositAccount: 'A-1010', applications: [] };
    const body = entityBody({ kind: 'payment', sourceId: 'P-1', data: payment }, new RefResolver(lookup), settings, { refundLinks: [{ jeQbId: '200', amount: 8000 }] });
    expect(body.Line).toEqual([{ Amount: 80, LinkedTxn: [{ TxnId: '200', TxnType: 'JournalEntry' }] }]);
    expect(entityBody({ kind: 'payment', sourceId: 'P-1', data: payment }, new RefResolver(lookup), settings).Line).toEqual([]);
  });
});
