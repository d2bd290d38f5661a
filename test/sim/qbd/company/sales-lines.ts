import type { HandlerContext } from './context.js';
import { readCents, readFixed5, readPrice } from './fields.js';
import { extend, formatCents, percentOf } from './money.js';
import { statusErrors } from './status.js';
import { ITEM_KINDS, type ListRecord, type TxnLine, type TxnRecord } from './types.js';
import { child, type XNode } from './xml.js';

/**
 * Line pricing as QB does it: Quantity×Rate → Amount; Amount÷Quantity → Rate; a bare item
 * takes its sales price. Tax applies to lines whose tax code is taxable, at the rate of the
 * header (or customer) sales-tax item or group.
 */
export function priceLine(ctx: HandlerContext, node: XNode, what: string, prior: TxnLine | undefined, runningCents: number): TxnLine {
  const { store } = ctx;
  const itemRef = child(node, 'ItemRef');
  const item = itemRef ? store.resolveActiveRef(itemRef, ITEM_KINDS, 'Item', what) : prior?.itemId ? store.lists.get(prior.itemId) : undefined;
  const qty = readFixed5(node, 'Quantity') ?? (itemRef ? undefined : prior?.quantityUnits);
  const rate = readPrice(node, 'Rate') ?? (itemRef || child(node, 'Amount') ? undefined : prior?.rateUnits);
  const ratePct = readFixed5(node, 'RatePercent');
  const amount = readCents(node, 'Amount');
  const line: TxnLine = {
    txnLineId: prior?.txnLineId ?? store.ids.txnLineId(),
    itemId: item?.listId,
    desc: child(node, 'Desc')?.text ?? prior?.desc ?? (itemRef ? item?.desc : undefined),
    quantityUnits: qty,
    amountCents: 0,
  };
  if (ratePct !== undefined) {
    line.ratePercentUnits = ratePct;
    line.amountCents = amount ?? percentOf(runningCents, ratePct);
  } else if (qty !== undefined && rate !== undefined) {
    const ext = extend(qty, rate);
    if (amount !== undefined && amount !== ext && ctx.rules.lineAmountMismatch === 'error') {
      throw statusErrors.invalidValue('Amount', formatCents(amount), 'The amount does not equal the quantity times the rate.');
    }
    line.rateUnits = rate;
    line.amountCents = amount ?? ext;
  } else if (qty !== undefined && amount !== undefined) {
    line.rateUnits = qty === 0 ? 0 : Math.round((amount * 1e8) / qty / 100);
    line.amountCents = amount;
  } else {
    const unit = rate ?? item?.priceUnits;
    line.rateUnits = unit;
    line.amountCents = amount ?? (unit !== undefined ? extend(qty ?? 1e5, unit) : prior?.amountCents ?? 0);
  }
  const codeRef = child(node, 'SalesTaxCodeRef');
  line.salesTaxCode = codeRef
    ? store.resolveRef(codeRef, ['SalesTaxCode'], 'SalesTaxCode', what)?.fullName
    : prior?.salesTaxCode ?? item?.salesTaxCode ?? 'Non';
  return line;
}

function taxRateOf(taxItem: ListRecord | undefined, lookup: (id: string) => ListRecord | undefined): number {
  if (!taxItem) return 0;
  if (taxItem.kind === 'ItemSalesTax') return taxItem.taxRateUnits ?? 0;
  return (taxItem.taxItemIds ?? []).reduce((sum, id) => sum + (lookup(id)?.taxRateUnits ?? 0), 0);
}

/** Fills subtotal, tax, total, open amount and GL postings of an invoice or credit memo. */
export function totalSales(ctx: HandlerContext, txn: TxnRecord, customerTaxable: boolean): void {
  const { store } = ctx;
  const isTaxable = (code?: string) => (code ? store.findByFullName(['SalesTaxCode'], code)?.isTaxable === true : false);
  txn.subtotalCents = txn.lines.reduce((s, l) => s + l.amountCents, 0);
  const taxable = txn.lines.filter((l) => isTaxable(l.salesTaxCode)).reduce((s, l) => s + l.amountCents, 0);
  const taxItem = txn.itemSalesTaxId ? store.lists.get(txn.itemSalesTaxId) : undefined;
  txn.salesTaxPercentUnits = taxRateOf(taxItem, (id) => store.lists.get(id));
  txn.salesTaxCents = customerTaxable ? percentOf(taxable, txn.salesTaxPercentUnits) : 0;
  txn.totalCents = txn.subtotalCents + txn.salesTaxCents;
  const applied = txn.links.reduce((s, l) => s + l.amountCents, 0);
  if (applied > txn.totalCents) {
    throw statusErrors.invalidValue('Amount', formatCents(txn.totalCents), 'The transaction total is less than the amount already applied to it.');
  }
  txn.openCents = txn.totalCents - applied;
  const sign = txn.kind === 'CreditMemo' ? -1 : 1;
  const taxAccount = store.accountByName('Sales Tax Payable') ?? store.accountByType('OtherCurrentLiability');
  txn.postings = [{ accountId: txn.accountId!, cents: sign * txn.totalCents, entityId: txn.entityId }];
  for (const l of txn.lines) {
    const acct = l.itemId ? store.lists.get(l.itemId)?.accountId : undefined;
    const fallback = store.accountByType('Income');
    if (l.amountCents !== 0) txn.postings.push({ accountId: acct ?? fallback!.listId, cents: -sign * l.amountCents });
  }
  if (txn.salesTaxCents !== 0 && taxAccount) txn.postings.push({ accountId: taxAccount.listId, cents: -sign * txn.salesTaxCents });
}
