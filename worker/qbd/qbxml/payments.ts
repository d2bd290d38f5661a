import type { PaymentInput, RefundInput } from '../../ledger';
import { el, text } from '../xml';
import { amount, arAccountRef, idRef, MissingSetting, rq, txnIdOf, txnMacro } from './common';
import { refundTxnType, removalRq } from './removal';
import type { BuildJob, BuildRefs } from './types';

const arAccount = (refs: BuildRefs) => arAccountRef(refs, 'ARAccountRef');

export function paymentRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as PaymentInput;
  const header = [
    idRef(refs, 'CustomerRef', 'customer', d.customer, 'customer'),
    arAccount(refs),
    text('TxnDate', d.date),
    text('RefNumber', d.reference, 20),
    amount('TotalAmount', d.amount),
    // Payment methods are a QuickBooks list Sharper does not sync; the method travels in the memo.
    text('Memo', [d.memo, `Paid by ${d.method}`].filter(Boolean).join(' — '), 4095),
    idRef(refs, 'DepositToAccountRef', 'account', d.depositAccount, 'depositAccount'),
  ];
  if (job.existing) {
    // The applications listed in a Mod replace the payment's previous ones, so Sharper's current
    // list is sent whole, and an invoice the version QuickBooks holds paid but this one no longer
    // does gets a zero amount: with no AppliedToTxnMod at all QuickBooks would keep the old ones.
    const applied = d.applications.map((a, i) =>
      el('AppliedToTxnMod', [txnIdOf(refs, 'TxnID', 'invoice', a.invoice, `applications[${i}].invoice`), amount('PaymentAmount', a.amount)]),
    );
    const still = new Set(d.applications.map((a) => a.invoice));
    const before = (refs.previous?.('payment', job.sourceId) as PaymentInput | null)?.applications ?? [];
    for (const invoice of new Set(before.map((a) => a.invoice).filter((id) => !still.has(id)))) {
      const txnId = refs.id('invoice', invoice);
      if (txnId) applied.push(el('AppliedToTxnMod', [text('TxnID', txnId), amount('PaymentAmount', 0)]));
    }
    return rq('ReceivePaymentMod', el('ReceivePaymentMod', [text('TxnID', job.existing.qbId), text('EditSequence', job.existing.qbLock ?? '0', 16), ...header, ...applied]), requestId);
  }
  // No applications: IsAutoApply=false leaves the whole amount as the customer's credit.
  const applications =
    d.applications.length === 0
      ? [text('IsAutoApply', false)]
      : d.applications.map((a, i) => el('AppliedToTxnAdd', [txnIdOf(refs, 'TxnID', 'invoice', a.invoice, `applications[${i}].invoice`), amount('PaymentAmount', a.amount)]));
  return rq('ReceivePaymentAdd', el('ReceivePaymentAdd', [...header, text('ExternalGUID', refs.guid('payment', job.sourceId)), ...applications], { defMacro: txnMacro(job.id) }), requestId);
}

/** Card refunds are ARRefundCreditCard; cash, check and ACH refunds are a check against the credit. */
export function refundRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as RefundInput;
  // qbXML has no refund Mod: a changed refund replaces the one QuickBooks has (`refundReplaceRq`).
  if (job.existing) throw new Error('a refund already in QuickBooks is replaced, not modified');
  const credit = txnIdOf(refs, 'TxnID', d.of.kind, d.of.id, 'of.id');
  const guid = text('ExternalGUID', refs.guid('refund', job.sourceId));
  if (refundTxnType(d) === 'ARRefundCreditCard') {
    return rq('ARRefundCreditCardAdd', el('ARRefundCreditCardAdd', [
      idRef(refs, 'CustomerRef', 'customer', d.customer, 'customer'),
      idRef(refs, 'RefundFromAccountRef', 'account', d.account, 'account'),
      arAccount(refs),
      text('TxnDate', d.date),
      text('RefNumber', d.docNumber, 11),
      text('Memo', d.memo, 4095),
      guid,
      el('RefundAppliedToTxnAdd', [credit, amount('RefundAmount', d.amount)]),
    ]), requestId);
  }
  // The check pays the customer from the bank account; its expense line posts to A/R for the
  // customer, and ApplyCheckToTxnAdd links it to the credit it uses up (Intuit's CheckAdd note).
  const arLine = arAccountRef(refs, 'AccountRef');
  if (!arLine) {
    throw new MissingSetting('arAccount', 'A cash or check refund posts to Accounts Receivable: set the company\'s arAccount setting to Sharper\'s A/R account and sync that account first.');
  }
  return rq('CheckAdd', el('CheckAdd', [
    idRef(refs, 'AccountRef', 'account', d.account, 'account'),
    idRef(refs, 'PayeeEntityRef', 'customer', d.customer, 'customer'),
    text('RefNumber', d.docNumber, 11),
    text('TxnDate', d.date),
    text('Memo', [d.memo, `Refund by ${d.method}`].filter(Boolean).join(' — '), 4095),
    guid,
    el('ApplyCheckToTxnAdd', [credit, amount('Amount', d.amount)]),
    el('ExpenseLineAdd', [
      arLine,
      amount('Amount', d.amount),
      idRef(refs, 'CustomerRef', 'customer', d.customer, 'customer'),
    ]),
  ]), requestId);
}

/**
 * The first step of changing a refund already in QuickBooks: delete it (as the type QuickBooks
 * holds, which the synced version's method decides), so that the changed version is added next.
 */
export function refundReplaceRq(job: BuildJob & { existing: NonNullable<BuildJob['existing']> }, refs: BuildRefs, requestId: string): string {
  const held = refs.previous?.('refund', job.sourceId) ?? job.data;
  return removalRq({ ...job, action: 'delete', data: held }, requestId);
}
