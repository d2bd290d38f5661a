import type { Handler, HandlerContext } from './context.js';
import { readBool, readCents } from './fields.js';
import { formatCents } from './money.js';
import { txnRet } from './ret-txn.js';
import { statusErrors } from './status.js';
import { commitTxn, modHeader, newTxn, readAmount, takeCredit, txnForMod } from './txn-common.js';
import type { Application, TxnRecord } from './types.js';
import { child, childrenNamed, type XNode } from './xml.js';

const HANDLED = new Set([
  'CustomerRef', 'ARAccountRef', 'TxnDate', 'RefNumber', 'TotalAmount', 'Memo', 'DepositToAccountRef',
  'ExternalGUID', 'IsAutoApply', 'AppliedToTxnAdd',
]);

/** Plans applications without touching state, so a rejected payment changes nothing. */
function planApplications(ctx: HandlerContext, pay: TxnRecord, body: XNode, total: number, element = 'AppliedToTxnAdd'): Application[] {
  const { store } = ctx;
  const apps: Application[] = [];
  const remaining = new Map<string, number>();
  const creditUse = new Map<string, number>();
  const openOf = (t: TxnRecord) => remaining.get(t.txnId) ?? t.openCents;
  if (readBool(body, 'IsAutoApply')) {
    let left = total;
    const open = store.txnsOf('Invoice')
      .filter((t) => t.entityId === pay.entityId && t.openCents > 0 && !t.isVoided)
      .sort((a, b) => a.txnDate.localeCompare(b.txnDate) || a.txnNumber - b.txnNumber);
    for (const inv of open) {
      if (left <= 0) break;
      const amt = Math.min(left, inv.openCents);
      apps.push({ txnId: inv.txnId, amountCents: amt, credits: [] });
      left -= amt;
    }
    return apps;
  }
  for (const a of childrenNamed(body, element)) {
    const txnId = child(a, 'TxnID')!.text;
    const inv = store.txns.get(txnId);
    if (!inv || inv.kind !== 'Invoice' || inv.isVoided) throw statusErrors.notFound(txnId);
    if (inv.entityId !== pay.entityId) {
      throw statusErrors.invalidValue(`${element} TxnID`, txnId, 'The transaction belongs to a different customer.');
    }
    const amount = readCents(a, 'PaymentAmount') ?? 0;
    const credits = childrenNamed(a, 'SetCredit').map((sc) => {
      const creditTxnId = child(sc, 'CreditTxnID')!.text;
      const amt = readAmount(sc, 'AppliedAmount');
      // Credit already planned earlier in this request counts against its open amount.
      const used = creditUse.get(creditTxnId) ?? 0;
      takeCredit(ctx, creditTxnId, pay.entityId, amt + used, 'SetCredit AppliedAmount');
      creditUse.set(creditTxnId, used + amt);
      return { creditTxnId, amountCents: amt };
    });
    const creditTotal = credits.reduce((s, c) => s + c.amountCents, 0);
    if (amount + creditTotal > openOf(inv)) {
      throw statusErrors.invalidValue(`${element} payment amount`, formatCents(amount), 'You cannot pay more than the amount due.');
    }
    remaining.set(inv.txnId, openOf(inv) - amount - creditTotal);
    // A zero PaymentAmount (and no credit) is how a Mod unapplies an invoice.
    if (amount === 0 && credits.length === 0) continue;
    apps.push({ txnId, amountCents: amount, credits });
  }
  return apps;
}

export const receivePaymentAdd: Handler = (ctx, rq) => {
  const { store } = ctx;
  const body = child(rq, 'ReceivePaymentAdd')!;
  const pay = newTxn(ctx, 'ReceivePayment', body);
  const customer = store.resolveActiveRef(child(body, 'CustomerRef'), ['Customer'], 'Customer', 'ReceivePayment')!;
  pay.entityId = customer.listId;
  const ar = child(body, 'ARAccountRef');
  pay.accountId = ar ? store.resolveRef(ar, ['Account'], 'Account', 'ReceivePayment')!.listId : store.accountByType('AccountsReceivable')!.listId;
  const dep = child(body, 'DepositToAccountRef');
  pay.otherAccountId = dep ? store.resolveRef(dep, ['Account'], 'Account', 'ReceivePayment')!.listId : store.accountByName('Undeposited Funds')!.listId;
  const given = readCents(body, 'TotalAmount');
  const explicit = childrenNamed(body, 'AppliedToTxnAdd').reduce((s, a) => s + (readCents(a, 'PaymentAmount') ?? 0), 0);
  const total = given ?? explicit;
  const apps = planApplications(ctx, pay, body, total);
  const applied = apps.reduce((s, a) => s + a.amountCents, 0);
  if (applied > total) {
    throw statusErrors.invalidValue('TotalAmount', formatCents(total), 'The amounts applied exceed the total amount of the payment.');
  }
  pay.totalCents = total;
  pay.openCents = total - applied;
  pay.applications = apps;
  pay.extra = body.children.filter((c) => !HANDLED.has(c.name));
  pay.postings = [
    { accountId: pay.otherAccountId, cents: total },
    { accountId: pay.accountId, cents: -total, entityId: pay.entityId },
  ];
  commitTxn(ctx, pay);
  applyAll(ctx, pay, apps, 1);
  return { rets: [txnRet(store, pay, { lines: true, linked: true })] };
};

/** Puts a payment's applications into effect (`sign` 1) or takes them back exactly (`sign` -1). */
function applyAll(ctx: HandlerContext, pay: TxnRecord, apps: Application[], sign: 1 | -1): void {
  const { store } = ctx;
  const link = (on: TxnRecord, to: TxnRecord, cents: number) => {
    if (sign === 1) on.links.push({ txnId: to.txnId, txnType: to.kind, linkType: 'AMTTYPE', amountCents: cents });
    else {
      const i = on.links.findIndex((l) => l.txnId === to.txnId && l.amountCents === cents);
      if (i !== -1) on.links.splice(i, 1);
    }
  };
  for (const a of apps) {
    const inv = store.txns.get(a.txnId)!;
    inv.openCents -= sign * a.amountCents;
    link(inv, pay, a.amountCents);
    link(pay, inv, a.amountCents);
    for (const c of a.credits) {
      const credit = store.txns.get(c.creditTxnId)!;
      credit.openCents -= sign * c.amountCents;
      inv.openCents -= sign * c.amountCents;
      link(credit, inv, c.amountCents);
      link(inv, credit, c.amountCents);
    }
  }
}

/**
 * ReceivePaymentMod: header fields, the total, the deposit account and — when the request lists
 * AppliedToTxnMod — the applications, which then replace the payment's previous ones (like lines
 * in other Mods: what is not listed is unapplied). A rejected Mod changes nothing.
 */
export const receivePaymentMod: Handler = (ctx, rq) => {
  const { store } = ctx;
  const body = child(rq, 'ReceivePaymentMod')!;
  const pay = txnForMod(ctx, 'ReceivePayment', body);
  const total = readCents(body, 'TotalAmount') ?? pay.totalCents;
  const dep = child(body, 'DepositToAccountRef');
  const depositTo = dep ? store.resolveRef(dep, ['Account'], 'Account', 'ReceivePayment')!.listId : pay.otherAccountId;
  // Listed applications replace the old ones: those are taken back first, and put back exactly as
  // they were if the new ones are refused.
  const reapply = childrenNamed(body, 'AppliedToTxnMod').length > 0;
  let apps = pay.applications;
  if (reapply) applyAll(ctx, pay, pay.applications, -1);
  try {
    if (reapply) apps = planApplications(ctx, pay, body, total, 'AppliedToTxnMod');
    if (apps.reduce((sum, a) => sum + a.amountCents, 0) > total) {
      throw statusErrors.invalidValue('TotalAmount', formatCents(total), 'The amounts applied exceed the total amount of the payment.');
    }
  } catch (e) {
    if (reapply) applyAll(ctx, pay, pay.applications, 1);
    throw e;
  }
  if (reapply) applyAll(ctx, pay, apps, 1);
  const applied = apps.reduce((sum, a) => sum + a.amountCents, 0);
  modHeader(pay, body);
  pay.applications = apps;
  pay.totalCents = total;
  pay.openCents = total - applied;
  pay.otherAccountId = depositTo;
  pay.postings = [
    { accountId: pay.otherAccountId!, cents: total },
    { accountId: pay.accountId!, cents: -total, entityId: pay.entityId },
  ];
  store.touch(pay);
  return { rets: [txnRet(store, pay, { lines: true, linked: true })] };
};
