import type { Handler, HandlerContext } from './context.js';
import { readDate } from './fields.js';
import { txnRet } from './ret-txn.js';
import { priceLine, totalSales } from './sales-lines.js';
import { statusErrors } from './status.js';
import { commitTxn, modHeader, newTxn, nextRefNumber, readAmount, takeCredit, txnForMod } from './txn-common.js';
import type { ListRecord, TxnLine, TxnRecord } from './types.js';
import { child, childrenNamed, type XNode } from './xml.js';

type SalesKind = 'Invoice' | 'CreditMemo';
const HANDLED = new Set([
  'TxnID', 'EditSequence', 'CustomerRef', 'ARAccountRef', 'TxnDate', 'RefNumber', 'Memo', 'ItemSalesTaxRef',
  'CustomerSalesTaxCodeRef', 'TermsRef', 'DueDate', 'ExternalGUID', 'SetCredit', 'LinkToTxnID',
  'InvoiceLineAdd', 'InvoiceLineMod', 'CreditMemoLineAdd', 'CreditMemoLineMod', 'InvoiceLineGroupAdd', 'CreditMemoLineGroupAdd',
]);

function customerTaxable(ctx: HandlerContext, customer: ListRecord, txn: TxnRecord, body: XNode, what: string): boolean {
  const ref = child(body, 'CustomerSalesTaxCodeRef');
  const code = ref ? ctx.store.resolveRef(ref, ['SalesTaxCode'], 'SalesTaxCode', what)?.fullName : customer.salesTaxCode;
  txn.extra = txn.extra.filter((c) => c.name !== 'CustomerSalesTaxCodeRef');
  if (!code) return true;
  return ctx.store.findByFullName(['SalesTaxCode'], code)?.isTaxable === true;
}

function applyHeader(ctx: HandlerContext, txn: TxnRecord, body: XNode, what: string, isAdd: boolean): ListRecord {
  const { store } = ctx;
  const custRef = child(body, 'CustomerRef');
  const customer = custRef ? store.resolveActiveRef(custRef, ['Customer'], 'Customer', what)! : store.lists.get(txn.entityId!)!;
  txn.entityId = customer.listId;
  const ar = child(body, 'ARAccountRef');
  if (ar) {
    const acct = store.resolveRef(ar, ['Account'], 'Account', what)!;
    if (acct.accountType !== 'AccountsReceivable') throw statusErrors.invalidReference('Account', acct.fullName, what);
    txn.accountId = acct.listId;
  } else if (isAdd) txn.accountId = store.accountByType('AccountsReceivable')!.listId;
  const taxRef = child(body, 'ItemSalesTaxRef');
  if (taxRef) txn.itemSalesTaxId = store.resolveActiveRef(taxRef, ['ItemSalesTax', 'ItemSalesTaxGroup'], 'Item', what)?.listId;
  else if (isAdd) txn.itemSalesTaxId = customer.itemSalesTaxId;
  const termsRef = child(body, 'TermsRef');
  const terms = termsRef ? store.resolveRef(termsRef, ['StandardTerms'], 'Terms', what) : customer.termsId ? store.lists.get(customer.termsId) : undefined;
  const due = readDate(body, 'DueDate');
  if (due || termsRef || isAdd) {
    const base = new Date(`${txn.txnDate}T00:00:00Z`);
    base.setUTCDate(base.getUTCDate() + (terms?.stdDueDays ?? 0));
    txn.extra = txn.extra.filter((c) => c.name !== 'DueDate' && c.name !== 'TermsRef');
    txn.termsId = terms?.listId;
    txn.dueDate = due ?? base.toISOString().slice(0, 10);
  }
  const others = body.children.filter((c) => !HANDLED.has(c.name));
  const names = new Set(others.map((c) => c.name));
  txn.extra = [...txn.extra.filter((c) => !names.has(c.name)), ...others];
  return customer;
}

function priceLines(ctx: HandlerContext, nodes: XNode[], what: string, existing: TxnLine[]): TxnLine[] {
  const lines: TxnLine[] = [];
  let running = 0;
  for (const n of nodes) {
    const id = child(n, 'TxnLineID')?.text;
    let prior: TxnLine | undefined;
    if (id !== undefined && id !== '-1') {
      prior = existing.find((l) => l.txnLineId === id);
      if (!prior) throw statusErrors.notFound(id);
    }
    const line = priceLine(ctx, n, what, prior, running);
    running += line.amountCents;
    lines.push(line);
  }
  return lines;
}

/** SetCredit on InvoiceAdd/Mod: use a credit memo against this invoice. */
function setCredits(ctx: HandlerContext, inv: TxnRecord, body: XNode): void {
  for (const sc of childrenNamed(body, 'SetCredit')) {
    const amount = readAmount(sc, 'AppliedAmount');
    const credit = takeCredit(ctx, child(sc, 'CreditTxnID')!.text, inv.entityId, amount, 'SetCredit AppliedAmount');
    credit.openCents -= amount;
    credit.links.push({ txnId: inv.txnId, txnType: 'Invoice', linkType: 'AMTTYPE', amountCents: amount });
    inv.links.push({ txnId: credit.txnId, txnType: credit.kind, linkType: 'AMTTYPE', amountCents: amount });
  }
}

export function salesAdd(kind: SalesKind): Handler {
  return (ctx, rq) => {
    const body = child(rq, `${kind}Add`)!;
    const what = kind === 'Invoice' ? 'Invoice' : 'Credit Memo';
    const txn = newTxn(ctx, kind, body);
    const customer = applyHeader(ctx, txn, body, what, true);
    txn.refNumber ??= nextRefNumber(ctx, kind);
    txn.lines = priceLines(ctx, childrenNamed(body, `${kind}LineAdd`), what, []);
    const taxable = customerTaxable(ctx, customer, txn, body, what);
    totalSales(ctx, txn, taxable);
    // Credits are checked before anything is stored, so a failing SetCredit leaves no invoice behind.
    const draftCredits = childrenNamed(body, 'SetCredit');
    for (const sc of draftCredits) takeCredit(ctx, child(sc, 'CreditTxnID')!.text, txn.entityId, readAmount(sc, 'AppliedAmount'), 'SetCredit AppliedAmount');
    commitTxn(ctx, txn);
    if (draftCredits.length > 0) {
      setCredits(ctx, txn, body);
      totalSales(ctx, txn, taxable);
    }
    return { rets: [txnRet(ctx.store, txn, { lines: true, linked: true })] };
  };
}

export function salesMod(kind: SalesKind): Handler {
  return (ctx, rq) => {
    const body = child(rq, `${kind}Mod`)!;
    const what = kind === 'Invoice' ? 'Invoice' : 'Credit Memo';
    const current = txnForMod(ctx, kind, body);
    const draft: TxnRecord = structuredClone(current);
    modHeader(draft, body);
    const customer = applyHeader(ctx, draft, body, what, false);
    const mods = childrenNamed(body, `${kind}LineMod`);
    // A Mod that sends lines replaces the line list: omitted lines are deleted, TxnLineID -1 adds.
    if (mods.length > 0) draft.lines = priceLines(ctx, mods, what, current.lines);
    totalSales(ctx, draft, customerTaxable(ctx, customer, draft, body, what));
    ctx.store.touch(draft);
    ctx.store.txns.set(draft.txnId, draft);
    return { rets: [txnRet(ctx.store, draft, { lines: true, linked: true })] };
  };
}
