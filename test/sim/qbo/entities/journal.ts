import { faults } from '../faults';
import { fromCents, toCents } from '../money';
import { isDate } from '../time';
import type { Rec, StoredEntity } from '../types';
import { asArray, checkTxnStrings, isRec, type OpContext, requireDateInOpenPeriod, resolveRef, str } from './common';
import { checkDocNumber } from './sales';

/** Debits equal credits; A/R lines name a Customer and A/P lines a Vendor, as QBO insists. */
export function prepareJournalEntry(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  checkTxnStrings(d);
  d.TxnDate = d.TxnDate ?? ctx.today;
  if (!isDate(d.TxnDate)) throw faults.invalidProperty(`Invalid date for TxnDate: ${String(d.TxnDate)}`);
  requireDateInOpenPeriod(ctx, d.TxnDate);
  if (previous) requireDateInOpenPeriod(ctx, String(previous.data.TxnDate));
  checkDocNumber(ctx, 'JournalEntry', d, previous?.data.Id, ctx.realm.settings.warnDuplicateJournalNumber);
  const lines = asArray(d.Line).filter(isRec);
  if (lines.length === 0) throw faults.required('Line');
  let debit = 0;
  let credit = 0;
  d.Line = lines.map((raw, i) => {
    const line: Rec = { ...raw, Id: str(raw.Id) ?? String(i) };
    if (line.DetailType !== 'JournalEntryLineDetail') throw faults.invalidEnum('Line.DetailType', line.DetailType);
    const detail: Rec = isRec(line.JournalEntryLineDetail) ? { ...line.JournalEntryLineDetail } : {};
    if (detail.PostingType !== 'Debit' && detail.PostingType !== 'Credit') {
      throw faults.invalidEnum('PostingType', detail.PostingType);
    }
    const account = resolveRef(ctx, detail, 'AccountRef', 'Account', true);
    if (line.Amount === undefined) throw faults.required('Line.Amount');
    const cents = toCents(line.Amount);
    if (cents < 0) throw faults.business('Journal line amounts must be positive; PostingType gives the sign.');
    const entity: Rec | undefined = isRec(detail.Entity) ? { ...detail.Entity } : undefined;
    const type = account?.data.AccountType;
    if (type === 'Accounts Receivable' && entity?.Type !== 'Customer') {
      throw faults.business('When you use Accounts Receivable, you must choose a customer in the Name field.');
    }
    if (type === 'Accounts Payable' && entity?.Type !== 'Vendor') {
      throw faults.business('When you use Accounts Payable, you must choose a vendor in the Name field.');
    }
    if (entity) {
      const target = entity.Type === 'Vendor' ? 'Vendor' : entity.Type === 'Employee' ? 'Employee' : 'Customer';
      resolveRef(ctx, entity, 'EntityRef', target, true);
      detail.Entity = entity;
    }
    line.JournalEntryLineDetail = detail;
    line.Amount = fromCents(cents);
    if (detail.PostingType === 'Debit') debit += cents;
    else credit += cents;
    return line;
  });
  if (debit !== credit) {
    throw faults.business('Your transaction must be balanced: total debits must equal total credits.');
  }
  d.TotalAmt = fromCents(debit);
  d.Adjustment = d.Adjustment ?? false;
  d.CurrencyRef = d.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  return d;
}
