import { describe, expect, it } from 'vitest';
import { cents, diffEntity } from './compare';

const sharper = {
  CustomerRef: { value: '58' },
  TxnDate: '2026-03-01',
  Line: [{ DetailType: 'SalesItemLineDetail', Amount: 580.65, SalesItemLineDetail: { ItemRef: { value: '7' } } }],
  TxnTaxDetail: { TotalTax: 40.65 },
};
/** How QBO returns the same invoice: its own subtotal line, balances and metadata. */
const qbo = {
  ...sharper,
  Id: '130',
  SyncToken: '3',
  TotalAmt: 621.3,
  Balance: 0,
  Line: [...sharper.Line.map((l) => ({ ...l, Id: '1', LineNum: 1 })), { DetailType: 'SubTotalLineDetail', Amount: 580.65 }],
  TxnTaxDetail: { TotalTax: 40.65, TaxLine: [] },
  MetaData: { LastUpdatedTime: '2026-03-02T10:00:00-08:00' },
};

describe('diffEntity', () => {
  it('finds nothing when QBO only added its own fields', () => {
    expect(diffEntity('Invoice', sharper, qbo)).toEqual([]);
  });

  it('reports amount, date, customer, lines and tax, in cents and QBO ids', () => {
    const edited = { ...qbo, CustomerRef: { value: '59' }, TxnDate: '2026-03-02', TotalAmt: 631.3, TxnTaxDetail: { TotalTax: 50.65 } };
    expect(diffEntity('Invoice', sharper, edited)).toEqual([
      { field: 'total', sharper: 62130, quickbooks: 63130 },
      { field: 'date', sharper: '2026-03-01', quickbooks: '2026-03-02' },
      { field: 'customer', sharper: '58', quickbooks: '59' },
      { field: 'tax', sharper: 4065, quickbooks: 5065 },
    ]);
    const lines = diffEntity('Invoice', sharper, { ...qbo, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 600, SalesItemLineDetail: { ItemRef: { value: '8' } } }] });
    expect(lines.find((f) => f.field === 'lines')).toEqual({ field: 'lines', sharper: [{ amount: 58065, item: '7' }], quickbooks: [{ amount: 60000, item: '8' }] });
  });

  it('reports a deletion, payment links and journal lines', () => {
    expect(diffEntity('Payment', { TotalAmt: 10 }, null)).toEqual([{ field: 'deleted', sharper: false, quickbooks: true }]);
    const pay = { TotalAmt: 100, TxnDate: '2026-03-05', CustomerRef: { value: '58' }, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }] };
    expect(diffEntity('Payment', pay, { ...pay, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '131', TxnType: 'Invoice' }] }] })).toEqual([
      { field: 'lines', sharper: [{ amount: 10000, invoice: '130' }], quickbooks: [{ amount: 10000, invoice: '131' }] },
    ]);
    const je = { TxnDate: '2026-03-31', Line: [{ Amount: 5, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: '33' } } }, { Amount: 5, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: '34' } } }] };
    expect(diffEntity('JournalEntry', je, je)).toEqual([]);
    expect(diffEntity('JournalEntry', je, { ...je, Line: [{ ...je.Line[0], Amount: 6 }, { ...je.Line[1], Amount: 6 }] }).map((f) => f.field)).toEqual(['total', 'lines']);
  });

  it('compares list records by name and active flag only', () => {
    expect(diffEntity('Customer', { DisplayName: 'Jane Boater', PrimaryEmailAddr: { Address: 'a@b' } }, { DisplayName: 'Jane Boater', Balance: 12, Active: true })).toEqual([]);
    expect(diffEntity('Customer', { DisplayName: 'Jane Boater' }, { DisplayName: 'Jane Boater (deleted)', Active: false })).toEqual([
      { field: 'name', sharper: 'Jane Boater', quickbooks: 'Jane Boater (deleted)' },
      { field: 'active', sharper: true, quickbooks: false },
    ]);
  });

  it('reads QBO money in cents without float drift', () => {
    expect(cents(0.1 + 0.2)).toBe(30);
    expect(cents('1234.56')).toBe(123456);
    expect(cents(undefined)).toBeNull();
  });
});
