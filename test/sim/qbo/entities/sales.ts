import { faults } from '../faults';
import { fromCents, toCents } from '../money';
import { listLive } from '../store';
import { addDays, isDate } from '../time';
import type { EntityName, Rec, Realm, StoredEntity } from '../types';
import { asArray, checkTxnStrings, isRec, type OpContext, refValue, requireDateInOpenPeriod, resolveRef, str } from './common';
import { checkLineTaxCode, computeTax } from './tax';

export const SALES_FORMS: readonly EntityName[] = ['Invoice', 'CreditMemo', 'SalesReceipt', 'RefundReceipt'];

export function findAccountBySubType(realm: Realm, subType: string): StoredEntity | undefined {
  return listLive(realm, 'Account').find((a) => a.data.AccountSubType === subType && a.data.Active !== false);
}

function findItemByName(realm: Realm, name: string): StoredEntity | undefined {
  return listLive(realm, 'Item').find((i) => i.data.Name === name && i.data.Active !== false);
}

interface LineTotals {
  lines: Rec[];
  subtotalCents: number;
  discountCents: number;
  taxableCents: number;
}

function salesItemLine(ctx: OpContext, line: Rec): { amountCents: number; taxable: boolean } {
  const detail: Rec = isRec(line.SalesItemLineDetail) ? { ...line.SalesItemLineDetail } : {};
  if (refValue(detail, 'ItemRef') === undefined) {
    // QBO falls back to the company's default "Services" item when a sales line names none.
    const fallback = findItemByName(ctx.realm, 'Services');
    if (!fallback) throw faults.required('Line.SalesItemLineDetail.ItemRef');
    detail.ItemRef = { value: String(fallback.data.Id) };
  }
  const item = resolveRef(ctx, detail, 'ItemRef', 'Item', true);
  if (item?.data.Type === 'Category') throw faults.business('A category cannot be used on a transaction line');
  const qty = detail.Qty;
  const price = detail.UnitPrice;
  let amountCents: number;
  if (line.Amount !== undefined) {
    amountCents = toCents(line.Amount);
    if (qty !== undefined && price !== undefined) {
      const expected = Math.round(Number(qty) * Number(price) * 100);
      if (Math.abs(expected - amountCents) > 0) {
        throw faults.amountCalc(`Amount is not equal to UnitPrice * Qty. Supplied value:${String(line.Amount)}`);
      }
    }
  } else if (price !== undefined) {
    amountCents = Math.round(Number(qty ?? 1) * Number(price) * 100);
  } else {
    throw faults.required('Line.Amount');
  }
  if (detail.TaxCodeRef === undefined && item?.data.Taxable === true) detail.TaxCodeRef = { value: 'TAX' };
  const taxable = checkLineTaxCode(ctx, detail);
  line.SalesItemLineDetail = detail;
  line.Amount = fromCents(amountCents);
  return { amountCents, taxable };
}

/** Validates lines, assigns line Ids, and appends the SubTotalLineDetail line QBO adds itself. */
export function prepareSalesLines(ctx: OpContext, rawLines: unknown): LineTotals {
  const input = asArray(rawLines)
    .filter(isRec)
    .filter((l) => l.DetailType !== 'SubTotalLineDetail')
    .map((l) => ({ ...l }));
  if (input.length === 0) throw faults.required('Line');
  let subtotalCents = 0;
  let taxableCents = 0;
  const discounts: Rec[] = [];
  const usedIds = new Set(input.map((l) => str(l.Id)).filter(Boolean));
  let nextId = 1;
  let lineNum = 1;
  for (const line of input) {
    if (!str(line.Id)) {
      while (usedIds.has(String(nextId))) nextId += 1;
      const id = String(nextId);
      line.Id = id;
      usedIds.add(id);
    }
    switch (line.DetailType) {
      case 'SalesItemLineDetail': {
        const { amountCents, taxable } = salesItemLine(ctx, line);
        subtotalCents += amountCents;
        if (taxable) taxableCents += amountCents;
        line.LineNum = lineNum++;
        break;
      }
      case 'DiscountLineDetail':
        discounts.push(line);
        break;
      case 'DescriptionOnly':
        line.LineNum = lineNum++;
        delete line.Amount;
        break;
      case undefined:
        throw faults.required('Line.DetailType');
      default:
        throw faults.invalidEnum('Line.DetailType', line.DetailType);
    }
  }
  let discountCents = 0;
  for (const line of discounts) {
    const detail: Rec = isRec(line.DiscountLineDetail) ? { ...line.DiscountLineDetail } : {};
    const cents =
      detail.PercentBased === true
        ? Math.round((subtotalCents * Number(detail.DiscountPercent ?? 0)) / 100)
        : toCents(line.Amount);
    if (refValue(detail, 'DiscountAccountRef') === undefined) {
      const acct = findAccountBySubType(ctx.realm, 'DiscountsRefundsGiven');
      if (acct) detail.DiscountAccountRef = { value: String(acct.data.Id) };
    }
    resolveRef(ctx, detail, 'DiscountAccountRef', 'Account', false);
    line.DiscountLineDetail = detail;
    line.Amount = fromCents(cents);
    discountCents += cents;
  }
  const lines = [...input, { Amount: fromCents(subtotalCents), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
  return { lines, subtotalCents, discountCents, taxableCents };
}

/** One sequence for all sales forms, matching the shared duplicate check below. */
function nextDocNumber(realm: Realm): string {
  const numbers = SALES_FORMS.flatMap((entity) => listLive(realm, entity))
    .map((s) => Number(s.data.DocNumber))
    .filter((n) => Number.isInteger(n));
  return String(numbers.length === 0 ? 1001 : Math.max(...numbers) + 1);
}

/**
 * 6140 names the other transaction's TxnType and TxnId (reference §2.10). Sales forms share one
 * number sequence in QBO, so a clash is looked for across all four and reported with the other's
 * type: the simulator's guess. JournalEntry numbers only clash with journal entries.
 */
export function checkDocNumber(ctx: OpContext, entity: EntityName, d: Rec, selfId: unknown, setting: boolean): void {
  const doc = str(d.DocNumber);
  if (doc === undefined || doc === '') return;
  if (doc.length > 21) throw faults.stringLength('DocNumber', 21);
  if (!setting || ctx.actor === 'user' || ctx.include.has('allowduplicatedocnum')) return;
  const lists = SALES_FORMS.includes(entity) ? SALES_FORMS : [entity];
  for (const list of lists) {
    const clash = listLive(ctx.realm, list).find((s) => s.data.DocNumber === doc && !(list === entity && s.data.Id === selfId));
    if (clash) throw faults.duplicateDocNumber(doc, list, String(clash.data.Id));
  }
}

/** Invoice, CreditMemo, SalesReceipt, RefundReceipt: shared header rules and totals. */
export function prepareSalesForm(ctx: OpContext, entity: EntityName, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  checkTxnStrings(d);
  const needsCustomer = entity === 'Invoice' || entity === 'CreditMemo';
  const customer = resolveRef(ctx, d, 'CustomerRef', 'Customer', needsCustomer);
  d.TxnDate = d.TxnDate ?? ctx.today;
  if (!isDate(d.TxnDate)) throw faults.invalidProperty(`Invalid date for TxnDate: ${String(d.TxnDate)}`);
  requireDateInOpenPeriod(ctx, d.TxnDate);
  if (previous) requireDateInOpenPeriod(ctx, String(previous.data.TxnDate));

  if ((d.DocNumber === undefined || d.DocNumber === '') && !ctx.realm.settings.customTxnNumbers && !previous) {
    d.DocNumber = nextDocNumber(ctx.realm);
  }
  checkDocNumber(ctx, entity, d, previous?.data.Id, ctx.realm.settings.warnDuplicateDocNumber);

  const totals = prepareSalesLines(ctx, d.Line);
  d.Line = totals.lines;
  const taxBase = d.ApplyTaxAfterDiscount === true ? Math.max(0, totals.taxableCents - totals.discountCents) : totals.taxableCents;
  const tax = computeTax(ctx, d, taxBase, previous?.data, customer);
  d.TxnTaxDetail = tax.detail;
  const totalCents = totals.subtotalCents - totals.discountCents + tax.totalCents;
  if (totalCents < 0) throw faults.business('Transaction total can not be negative.');
  d.TotalAmt = fromCents(totalCents);
  d.HomeTotalAmt = d.TotalAmt;
  d.CurrencyRef = d.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  d.ApplyTaxAfterDiscount = d.ApplyTaxAfterDiscount ?? false;
  d.PrintStatus = d.PrintStatus ?? 'NotSet';
  d.EmailStatus = d.EmailStatus ?? 'NotSet';
  d.CustomField = d.CustomField ?? [];
  d.LinkedTxn = previous?.data.LinkedTxn ?? [];

  if (entity === 'Invoice') {
    const customerTerm = customer ? refValue(customer.data, 'SalesTermRef') : undefined;
    if (refValue(d, 'SalesTermRef') === undefined && customerTerm) d.SalesTermRef = { value: customerTerm };
    const term = resolveRef(ctx, d, 'SalesTermRef', 'Term', false);
    const termDays = Number(term?.data.DueDays ?? 0);
    d.DueDate = d.DueDate ?? addDays(String(d.TxnDate), termDays);
    if (!isDate(d.DueDate)) throw faults.invalidProperty(`Invalid date for DueDate: ${String(d.DueDate)}`);
    // The real balance (after payments) is set by recomputeBalances once the write lands.
    d.Balance = d.TotalAmt;
  }
  if (entity === 'CreditMemo') {
    d.Balance = d.TotalAmt;
    d.RemainingCredit = d.TotalAmt;
  }
  if (entity === 'RefundReceipt') resolveRef(ctx, d, 'DepositToAccountRef', 'Account', true);
  if (entity === 'SalesReceipt') {
    if (refValue(d, 'DepositToAccountRef') === undefined) {
      const undeposited = findAccountBySubType(ctx.realm, 'UndepositedFunds');
      if (undeposited) d.DepositToAccountRef = { value: String(undeposited.data.Id) };
    }
    resolveRef(ctx, d, 'DepositToAccountRef', 'Account', false);
    d.Balance = 0;
  }
  return d;
}

/** A voided sales form keeps its lines at zero amounts; QBO prefixes the memo with "Voided". */
export function voidedSalesForm(data: Rec): Rec {
  const lines = asArray(data.Line)
    .filter(isRec)
    .map((l) => ({ ...l, Amount: 0 }));
  const detail = isRec(data.TxnTaxDetail) ? { ...data.TxnTaxDetail, TotalTax: 0, TaxLine: [] } : { TotalTax: 0 };
  const note = str(data.PrivateNote);
  return {
    ...data,
    Line: lines,
    TxnTaxDetail: detail,
    TotalAmt: 0,
    HomeTotalAmt: 0,
    Balance: 0,
    ...(data.RemainingCredit !== undefined ? { RemainingCredit: 0 } : {}),
    PrivateNote: note ? `Voided - ${note}` : 'Voided',
  };
}
