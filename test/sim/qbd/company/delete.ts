import type { Handler, HandlerContext } from './context.js';
import { QbStatusError } from './status.js';
import { statusErrors } from './status.js';
import type { ListKind, TxnKind, TxnRecord } from './types.js';
import { child, el } from './xml.js';

const VOIDABLE = new Set<string>(['ARRefundCreditCard', 'Check', 'CreditMemo', 'Invoice', 'JournalEntry']);

function inUse(kind: string, id: string): QbStatusError {
  return new QbStatusError({
    code: 3175,
    severity: 'Error',
    message: `There was an error when deleting the ${kind} "${id}".  QuickBooks error message: This transaction is linked to other transactions.`,
  });
}

/** Undoes what a payment/refund took from the invoices and credits it was applied to. */
function unapply(ctx: HandlerContext, t: TxnRecord): void {
  for (const l of t.links) {
    const other = ctx.store.txns.get(l.txnId);
    if (!other) continue;
    other.openCents += l.amountCents;
    other.links = other.links.filter((x) => x.txnId !== t.txnId);
  }
  // SetCredit inside a payment moved credit straight onto an invoice.
  for (const a of t.applications) {
    const inv = ctx.store.txns.get(a.txnId);
    for (const c of a.credits) {
      const credit = ctx.store.txns.get(c.creditTxnId);
      if (credit) credit.openCents += c.amountCents;
      if (inv) inv.openCents += c.amountCents;
      if (credit) credit.links = credit.links.filter((x) => !(x.txnId === a.txnId && x.amountCents === c.amountCents));
      if (inv) inv.links = inv.links.filter((x) => !(x.txnId === c.creditTxnId && x.amountCents === c.amountCents));
    }
  }
  t.links = [];
  t.applications = [];
}

function findTxn(ctx: HandlerContext, type: string, txnId: string): TxnRecord {
  const t = ctx.store.txns.get(txnId);
  if (!t || t.kind !== type) throw statusErrors.notFound(txnId);
  return t;
}

/** Invoices and credit memos others point at cannot go; payments and refunds unlink themselves. */
function guardTargets(t: TxnRecord): void {
  if ((t.kind === 'Invoice' || t.kind === 'CreditMemo') && t.links.length > 0) throw inUse(t.kind, t.txnId);
}

export const txnDel: Handler = (ctx, rq) => {
  const type = child(rq, 'TxnDelType')!.text;
  const t = findTxn(ctx, type, child(rq, 'TxnID')!.text);
  guardTargets(t);
  unapply(ctx, t);
  ctx.store.txns.delete(t.txnId);
  const timeDeleted = ctx.store.ids.timestamp();
  ctx.store.deleted.push({ kind: t.kind as TxnKind, txnId: t.txnId, refNumber: t.refNumber, timeDeleted });
  const rets = [el('TxnDelType', type), el('TxnID', t.txnId), el('TimeDeleted', timeDeleted)];
  if (t.refNumber) rets.push(el('RefNumber', t.refNumber));
  return { rets };
};

export const txnVoid: Handler = (ctx, rq) => {
  const type = child(rq, 'TxnVoidType')!.text;
  const txnId = child(rq, 'TxnID')!.text;
  if (!VOIDABLE.has(type)) throw statusErrors.notFound(txnId);
  const t = findTxn(ctx, type, txnId);
  guardTargets(t);
  unapply(ctx, t);
  // A void keeps the transaction with zero amounts and marks the memo, as the QB UI does.
  t.isVoided = true;
  t.memo = `VOID:${t.memo ? ' ' + t.memo : ''}`;
  for (const l of t.lines) l.amountCents = 0;
  t.subtotalCents = t.salesTaxCents = t.totalCents = t.openCents = 0;
  t.postings = [];
  ctx.store.touch(t);
  return { rets: [el('TxnVoidType', type), el('TxnID', t.txnId)] };
};

export const listDel: Handler = (ctx, rq) => {
  const type = child(rq, 'ListDelType')!.text as ListKind;
  const listId = child(rq, 'ListID')!.text;
  const rec = ctx.store.lists.get(listId);
  if (!rec || rec.kind !== type) throw statusErrors.notFound(listId);
  if (ctx.store.listInUse(listId)) throw statusErrors.cannotDelete(`${type} "${rec.fullName}"`);
  ctx.store.lists.delete(listId);
  return {
    rets: [el('ListDelType', type), el('ListID', listId), el('TimeDeleted', ctx.store.ids.timestamp()), el('FullName', rec.fullName)],
  };
};
