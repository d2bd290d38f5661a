import { describe, expect, it } from 'vitest';
import { compareAnswer, describeDifferences } from './answer-check';

const sent = {
  Line: [
    { DetailType: 'SalesItemLineDetail', Amount: 100 },
    { DetailType: 'SalesItemLineDetail', Amount: 25 },
  ],
  TxnTaxDetail: { TotalTax: 0 },
};
const answer = (over: Record<string, unknown> = {}) => ({
  Line: [...sent.Line, { DetailType: 'SubTotalLineDetail', Amount: 125 }],
  TxnTaxDetail: { TotalTax: 0 },
  TotalAmt: 125,
  ...over,
});

describe('compareAnswer', () => {
  it('finds nothing when QuickBooks holds what was sent (its subtotal line is not ours)', () => {
    expect(compareAnswer('Invoice', sent, answer())).toEqual([]);
  });

  it('names the tax and the total when QuickBooks added its own tax', () => {
    expect(compareAnswer('Invoice', sent, answer({ TxnTaxDetail: { TotalTax: 8.75 }, TotalAmt: 133.75 }))).toEqual([
      { field: 'tax', sent: 0, answered: 875 },
      { field: 'total', sent: 12500, answered: 13375 },
    ]);
  });

  it('sees a one-cent difference in a line, and a dropped line', () => {
    expect(compareAnswer('CreditMemo', sent, answer({ Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100 }, { DetailType: 'SalesItemLineDetail', Amount: 25.01 }], TotalAmt: 125.01 }))).toEqual([
      { field: 'line 2 amount', sent: 2500, answered: 2501 },
      { field: 'total', sent: 12500, answered: 12501 },
    ]);
    expect(compareAnswer('Invoice', sent, answer({ Line: [sent.Line[0]], TotalAmt: 100 }))[0]).toEqual({ field: 'line count', sent: 2, answered: 1 });
  });

  it('checks a payment total and journal lines; lists are not money', () => {
    expect(compareAnswer('Payment', { TotalAmt: 50, Line: [] }, { TotalAmt: 49.99, Line: [] })).toEqual([{ field: 'total', sent: 5000, answered: 4999 }]);
    expect(compareAnswer('JournalEntry', { Line: [{ Amount: 10 }, { Amount: 10 }] }, { Line: [{ Amount: 10 }, { Amount: 10 }] })).toEqual([]);
    expect(compareAnswer('Customer', { DisplayName: 'A' }, { DisplayName: 'B' })).toEqual([]);
  });
});

describe('describeDifferences', () => {
  it('gives both figures and blames automated sales tax when it overrode Sharper', () => {
    const text = describeDifferences('Invoice', 'INV-1', [{ field: 'tax', sent: 650, answered: 700 }, { field: 'total', sent: 10650, answered: 10700 }], 'automated');
    expect(text).toContain('QuickBooks computed 7.00 tax; Sharper charged 6.50. Automated sales tax overrode');
    expect(text).toContain('total 107.00');
    expect(text).toContain('never creates another');
  });

  it('blames the tax code rate on a manual-tax company', () => {
    expect(describeDifferences('Invoice', 'INV-1', [{ field: 'tax', sent: 650, answered: 700 }], 'manual')).toContain("rate in QuickBooks differs from Sharper's tax item");
  });
});
