import { describe, expect, it } from 'vitest';
import { findQuery } from './look-first';

describe('findQuery', () => {
  it('finds a sales document by DocNumber and tells ours apart by the Sharper marker', () => {
    const f = findQuery({ entity: 'Invoice', operation: 'create', body: { DocNumber: "O'NEIL-1", CustomerRef: { value: '5' }, PrivateNote: 'Slip fee\nSharper invoice INV-1' } })!;
    expect(f.query).toBe("select * from Invoice where DocNumber = 'O\\'NEIL-1'");
    expect(f.matches({ PrivateNote: 'Sharper invoice INV-1' })).toBe(true);
    expect(f.matches({ PrivateNote: 'Sharper invoice INV-10' })).toBe(false);
    expect(f.matches({})).toBe(false);
  });

  it('finds a payment by customer and date (it has no number), and a journal entry without a number by date', () => {
    expect(findQuery({ entity: 'Payment', operation: 'create', body: { CustomerRef: { value: '5' }, TxnDate: '2026-03-01', PrivateNote: 'Sharper payment P-1' } })!.query).toBe(
      "select * from Payment where CustomerRef = '5' and TxnDate = '2026-03-01'",
    );
    expect(findQuery({ entity: 'JournalEntry', operation: 'create', body: { TxnDate: '2026-03-01', PrivateNote: 'Sharper refund R-1' } })!.query).toBe("select * from JournalEntry where TxnDate = '2026-03-01'");
  });

  it('finds list records and tax codes by name; updates and voids are simply re-sent', () => {
    expect(findQuery({ entity: 'Customer', operation: 'create', body: { DisplayName: 'Ann' } })!.query).toBe("select * from Customer where DisplayName = 'Ann'");
    expect(findQuery({ entity: 'TaxCode', operation: 'taxcode', body: { TaxCode: 'FL 7%' } })!.query).toBe("select * from TaxCode where Name = 'FL 7%'");
    expect(findQuery({ entity: 'Invoice', operation: 'update', body: { Id: '1' } })).toBeNull();
    expect(findQuery({ entity: 'Invoice', operation: 'void', body: { Id: '1' } })).toBeNull();
  });
});
