import type { Handler } from './context.js';
import { readCents } from './fields.js';
import { formatCents } from './money.js';
import { txnRet } from './ret-txn.js';
import { statusErrors } from './status.js';
import { commitTxn, modHeader, newTxn, takeCredit, txnForMod } from './txn-common.js';
import type { TxnRecord } from './types.js';
import { child, childrenNamed } from './xml.js';

/**
 * Cash/check refunds (CheckAdd with ApplyCheckToTxnAdd and an A/R expense line for the
 * customer) and card refunds (ARRefundCreditCardAdd). Both draw down the open credit of a
 * credit memo or unused payment of the same customer.
 */
export const checkAdd: Handler = (ctx, rq) => {
  const { store } = ctx;
  const body = child(rq, 'CheckAdd')!;
  const chk = newTxn(ctx, 'Check', body);
  const bank = store.resolveActiveRef(child(body, 'AccountRef'), ['Account'], 'Account', 'Check')!;
  chk.accountId = bank.listId;
  const payee = store.resolveActiveRef(child(body, 'PayeeEntityRef'), ['Customer'], 'Customer', 'Check');
  chk.entityId = payee?.listId;
  for (const line of childrenNamed(body, 'ExpenseLineAdd')) {
    const acct = store.resolveActiveRef(child(line, 'AccountRef'), ['Account'], 'Account', 'Check');
    const cust = store.resolveActiveRef(child(line, 'CustomerRef'), ['Customer'], 'Customer', 'Check');
    if (acct?.accountType === 'AccountsReceivable' && !cust && !payee) {
      throw statusErrors.saveError('Check', 'A customer is required on lines that use an Accounts Receivable account.');
    }
    chk.lines.push({
      txnLineId: store.ids.txnLineId(), accountId: acct?.listId, amountCents: readCents(line, 'Amount') ?? 0,
      memo: child(line, 'Memo')?.text, entityId: cust?.listId ?? (acct?.accountType === 'AccountsReceivable' ? payee?.listId : undefined),
    });
  }
  if (childrenNamed(body, 'ItemLineAdd').length > 0) throw statusErrors.notSupported();
  chk.totalCents = chk.lines.reduce((s, l) => s + l.amountCents, 0);
  const applies = childrenNamed(body, 'ApplyCheckToTxnAdd').map((a) => {
    const txnId = child(a, 'TxnID')!.text;
    const amount = readCents(a, 'Amount') ?? chk.totalCents;
    return { credit: takeCredit(ctx, txnId, chk.entityId, amount, 'ApplyCheckToTxnAdd Amount'), amount };
  });
  chk.postings = [
    { accountId: bank.listId, cents: -chk.totalCents },
    ...chk.lines.filter((l) => l.accountId).map((l) => ({ accountId: l.accountId!, cents: l.amountCents, entityId: l.entityId })),
  ];
  commitTxn(ctx, chk);
  for (const { credit, amount } of applies) linkCredit(chk, credit, amount);
  return { rets: [txnRet(store, chk, { lines: true, linked: true })] };
};

function linkCredit(refund: TxnRecord, credit: TxnRecord, amount: number): void {
  credit.openCents -= amount;
  credit.links.push({ txnId: refund.txnId, txnType: refund.kind, linkType: 'AMTTYPE', amountCents: amount });
  refund.links.push({ txnId: credit.txnId, txnType: credit.kind, linkType: 'AMTTYPE', amountCents: amount });
  refund.applications.push({ txnId: credit.txnId, amountCents: amount, credits: [] });
}

export const checkMod: Handler = (ctx, rq) => {
  const body = child(rq, 'CheckMod')!;
  const chk = txnForMod(ctx, 'Check', body);
  modHeader(chk, body);
  ctx.store.touch(chk);
  return { rets: [txnRet(ctx.store, chk, { lines: true, linked: true })] };
};

export const arRefundCreditCardAdd: Handler = (ctx, rq) => {
  const { store } = ctx;
  const body = child(rq, 'ARRefundCreditCardAdd')!;
  const ref = newTxn(ctx, 'ARRefundCreditCard', body);
  const customer = store.resolveActiveRef(child(body, 'CustomerRef'), ['Customer'], 'Customer', 'ARRefundCreditCard')!;
  ref.entityId = customer.listId;
  const from = child(body, 'RefundFromAccountRef');
  ref.otherAccountId = from
    ? store.resolveActiveRef(from, ['Account'], 'Account', 'ARRefundCreditCard')!.listId
    : store.accountByName('Undeposited Funds')!.listId;
  const ar = child(body, 'ARAccountRef');
  ref.accountId = ar ? store.resolveRef(ar, ['Account'], 'Account', 'ARRefundCreditCard')!.listId : store.accountByType('AccountsReceivable')!.listId;
  const use = new Map<string, number>();
  const applies = childrenNamed(body, 'RefundAppliedToTxnAdd').map((a) => {
    const txnId = child(a, 'TxnID')!.text;
    const amount = readCents(a, 'RefundAmount') ?? 0;
    const used = use.get(txnId) ?? 0;
    const credit = takeCredit(ctx, txnId, customer.listId, amount + used, 'RefundAppliedToTxnAdd RefundAmount');
    use.set(txnId, used + amount);
    return { credit, amount };
  });
  ref.totalCents = applies.reduce((s, a) => s + a.amount, 0);
  if (ref.totalCents <= 0) {
    throw statusErrors.invalidValue('RefundAmount', formatCents(ref.totalCents), 'The refund amount must be greater than zero.');
  }
  ref.postings = [
    { accountId: ref.otherAccountId, cents: -ref.totalCents },
    { accountId: ref.accountId, cents: ref.totalCents, entityId: customer.listId },
  ];
  ref.extra = body.children.filter((c) => ['PaymentMethodRef', 'Address'].includes(c.name));
  commitTxn(ctx, ref);
  for (const { credit, amount } of applies) linkCredit(ref, credit, amount);
  return { rets: [txnRet(store, ref, { lines: true, linked: true })] };
};
