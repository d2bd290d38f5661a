import { type Application, appliedCents, applicationsByTarget, arAccountIds, journalArByCustomer } from '../balances';
import { faults } from '../faults';
import { fromCents, toCents } from '../money';
import { getStored } from '../store';
import { isDate } from '../time';
import type { Rec, StoredEntity } from '../types';
import { asArray, checkTxnStrings, isRec, type OpContext, refValue, requireDateInOpenPeriod, resolveRef, str } from './common';
import { findAccountBySubType } from './sales';

const LINKABLE = new Set(['Invoice', 'CreditMemo', 'JournalEntry']);

/** What a linked transaction still has open for this customer, before this payment. */
function openCents(ctx: OpContext, target: StoredEntity, customerId: string, others: Map<string, Application[]>): number {
  const key = `${target.name}:${String(target.data.Id)}`;
  if (target.name === 'JournalEntry') {
    const charge = journalArByCustomer(target.data, arAccountIds(ctx.realm)).get(customerId) ?? 0;
    if (charge <= 0) throw faults.cannotLink(`Txn ID ${String(target.data.Id)} cannot be linked: it charges no Accounts Receivable to this customer`);
    return charge - appliedCents(others, key);
  }
  if (refValue(target.data, 'CustomerRef') !== customerId) {
    throw faults.cannotLink(`Txn ID ${String(target.data.Id)} cannot be linked: it belongs to a different customer`);
  }
  return target.voided ? 0 : toCents(target.data.TotalAmt) - appliedCents(others, key);
}

/**
 * Receive-payment rules: linked invoices and credit memos belong to the same customer (620),
 * no slice exceeds what is still open, and the unapplied remainder is never negative.
 */
export function preparePayment(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  checkTxnStrings(d);
  const customer = resolveRef(ctx, d, 'CustomerRef', 'Customer', true);
  if (d.TotalAmt === undefined) throw faults.required('TotalAmt');
  const totalCents = toCents(d.TotalAmt);
  if (totalCents < 0) throw faults.business('Payment amount can not be negative.');
  d.TxnDate = d.TxnDate ?? ctx.today;
  if (!isDate(d.TxnDate)) throw faults.invalidProperty(`Invalid date for TxnDate: ${String(d.TxnDate)}`);
  requireDateInOpenPeriod(ctx, d.TxnDate);
  if (previous) requireDateInOpenPeriod(ctx, String(previous.data.TxnDate));
  if (refValue(d, 'DepositToAccountRef') === undefined) {
    const undeposited = findAccountBySubType(ctx.realm, 'UndepositedFunds');
    if (undeposited) d.DepositToAccountRef = { value: String(undeposited.data.Id) };
  }
  resolveRef(ctx, d, 'DepositToAccountRef', 'Account', false);

  const others = applicationsByTarget(ctx.realm, str(previous?.data.Id), new Set([String(customer?.data.Id)]));
  let invoiceCents = 0;
  let creditCents = 0;
  const lines = asArray(d.Line)
    .filter(isRec)
    .map((raw) => {
      const line: Rec = { ...raw };
      if (line.Amount === undefined) throw faults.required('Line.Amount');
      const cents = toCents(line.Amount);
      if (cents < 0) throw faults.business('Line amount can not be negative.');
      const links = asArray(line.LinkedTxn).filter(isRec);
      for (const link of links) {
        const type = str(link.TxnType) ?? '';
        const id = str(link.TxnId) ?? '';
        if (!LINKABLE.has(type)) throw faults.cannotLink(`Txn type ${type} cannot be linked to a Payment`);
        const target = getStored(ctx.realm, type as 'Invoice' | 'CreditMemo' | 'JournalEntry', id);
        if (!target || target.deleted) throw faults.invalidReference('LinkedTxn', id);
        const open = openCents(ctx, target, String(customer?.data.Id), others);
        if (cents > open) {
          throw faults.business(
            `The amount applied to ${type} ${id} (${fromCents(cents)}) is more than its open balance (${fromCents(open)}).`,
          );
        }
        // A JE's A/R charge is settled like an invoice; a credit memo's credit offsets both.
        if (type !== 'CreditMemo') invoiceCents += cents;
        else creditCents += cents;
      }
      line.LinkedTxn = links.map((l) => ({ TxnId: str(l.TxnId), TxnType: str(l.TxnType) }));
      return line;
    });
  const unapplied = totalCents - (invoiceCents - creditCents);
  if (unapplied < 0) throw faults.business('The payment total is less than the amount applied to transactions.');
  d.Line = lines;
  d.TotalAmt = fromCents(totalCents);
  d.UnappliedAmt = fromCents(unapplied);
  d.ProcessPayment = d.ProcessPayment ?? false;
  d.CurrencyRef = d.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  return d;
}

export function voidedPayment(data: Rec): Rec {
  const note = str(data.PrivateNote);
  return {
    ...data,
    TotalAmt: 0,
    UnappliedAmt: 0,
    Line: asArray(data.Line)
      .filter(isRec)
      .map((l) => ({ ...l, Amount: 0 })),
    PrivateNote: note ? `Voided - ${note}` : 'Voided',
  };
}
