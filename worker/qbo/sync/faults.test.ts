import { describe, expect, it } from 'vitest';
import { conflictingTxn } from './resolve-fault';
import { classifyFault } from './faults';

const invoice = { kind: 'invoice', docNumber: '1042', data: { date: '2026-01-15' } };
const e = (code: string, extra: Partial<{ message: string; detail: string; element: string }> = {}) => ({ code, message: 'Msg', detail: 'Some detail', ...extra });

describe('classifyFault', () => {
  it('sends the faults that need a look at QBO to their resolvers', () => {
    expect(classifyFault(e('6140'), invoice, 'Invoice')).toEqual({ reason: 'duplicate_doc_number' });
    expect(classifyFault(e('6240'), invoice, 'Customer')).toEqual({ reason: 'duplicate_name' });
    expect(classifyFault(e('5010'), invoice, 'Invoice')).toEqual({ reason: 'stale_sync_token' });
    expect(classifyFault(e('3200'), invoice, 'Invoice')).toEqual({ reason: 'auth' });
    expect(classifyFault(e('100'), invoice, 'Invoice')).toEqual({ reason: 'auth' });
  });

  it('holds a closed period naming the transaction date', () => {
    const a = classifyFault(e('6210', { detail: 'The account period has closed.' }), invoice, 'Invoice');
    expect(a).toMatchObject({ reason: 'outcome', outcome: { kind: 'held', code: 'CLOSED_PERIOD' } });
    expect(a.reason === 'outcome' && a.outcome.kind === 'held' && a.outcome.message).toMatch(/^Invoice 1042 is dated 2026-01-15, .*The account period has closed/);
  });

  it('holds an invalid or inactive reference naming the element', () => {
    for (const code of ['610', '2500']) {
      const a = classifyFault(e(code, { element: 'CustomerRef' }), invoice, 'Invoice');
      expect(a).toMatchObject({ reason: 'outcome', outcome: { kind: 'held', code: 'INVALID_REFERENCE', message: expect.stringContaining('(CustomerRef)') } });
    }
  });

  it('holds subscription and authorization problems; retries a system fault', () => {
    expect(classifyFault(e('6190'), invoice, 'Invoice')).toMatchObject({ outcome: { kind: 'held', code: 'QBO_SUBSCRIPTION' } });
    expect(classifyFault(e('3100'), invoice, 'Invoice')).toMatchObject({ outcome: { kind: 'held', code: 'QBO_NOT_AUTHORIZED' } });
    expect(classifyFault(e('10000'), invoice, 'Invoice')).toMatchObject({ outcome: { kind: 'failed', retryable: true } });
  });

  it('fails anything else permanently with QBO Message and Detail', () => {
    const a = classifyFault(e('6000', { message: 'A business validation error has occurred', detail: 'You must set a transaction amount' }), invoice, 'Invoice');
    expect(a).toEqual({
      reason: 'outcome',
      outcome: { kind: 'failed', code: 'QBO_6000', retryable: false, message: 'QuickBooks Online refused Invoice 1042 (6000): A business validation error has occurred: You must set a transaction amount' },
    });
    expect(classifyFault({ code: '', message: '', detail: '' }, { kind: 'customer', docNumber: null, data: {} }, 'Customer')).toMatchObject({ outcome: { code: 'QBO_ERROR', message: expect.stringContaining('no detail given') } });
  });
});

describe('conflictingTxn', () => {
  it("reads the transaction that holds a duplicate number from QBO's Detail, whatever its type", () => {
    expect(conflictingTxn('Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=1234 is assigned to TxnType=CreditMemo with TxnId=111')).toEqual({ type: 'CreditMemo', id: '111' });
    expect(conflictingTxn('Another reason')).toBeNull();
    expect(conflictingTxn(undefined)).toBeNull();
  });
});
