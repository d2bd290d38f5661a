import type { HandlerContext } from './context.js';
import { readCents, readDate } from './fields.js';
import { formatCents } from './money.js';
import { statusErrors } from './status.js';
import type { TxnKind, TxnRecord } from './types.js';
import { child, type XNode } from './xml.js';

/** A transaction shell with identity, header dates and free-text fields read from the Add. */
export function newTxn(ctx: HandlerContext, kind: TxnKind, body: XNode): TxnRecord {
  const now = ctx.store.ids.timestamp();
  return {
    kind, txnId: '', txnNumber: 0, timeCreated: now, timeModified: now, editSequence: '',
    txnDate: readDate(body, 'TxnDate') ?? ctx.store.ids.today(),
    refNumber: child(body, 'RefNumber')?.text,
    memo: child(body, 'Memo')?.text,
    externalGuid: child(body, 'ExternalGUID')?.text,
    salesTaxPercentUnits: 0, subtotalCents: 0, salesTaxCents: 0, totalCents: 0, openCents: 0,
    lines: [], applications: [], links: [], postings: [], isVoided: false, extra: [],
  };
}

/** Gives the txn its IDs and stores it. QB assigns IDs only once the save succeeds. */
export function commitTxn(ctx: HandlerContext, txn: TxnRecord): TxnRecord {
  txn.txnId = ctx.store.ids.txnId();
  txn.txnNumber = ctx.store.ids.txnNumber();
  txn.editSequence = ctx.store.ids.editSequence();
  ctx.store.txns.set(txn.txnId, txn);
  return txn;
}

/** Looks up a txn for Mod and checks EditSequence, in QB's order (existence first). */
export function txnForMod(ctx: HandlerContext, kind: TxnKind, body: XNode): TxnRecord {
  const txnId = child(body, 'TxnID')!.text;
  const txn = ctx.store.txns.get(txnId);
  if (!txn || txn.kind !== kind) throw statusErrors.notFound(txnId);
  const seq = child(body, 'EditSequence')!.text;
  if (seq !== txn.editSequence) throw statusErrors.editSequence(seq);
  return txn;
}

/** Header fields every Mod may change. */
export function modHeader(txn: TxnRecord, body: XNode): void {
  txn.txnDate = readDate(body, 'TxnDate') ?? txn.txnDate;
  txn.refNumber = child(body, 'RefNumber')?.text ?? txn.refNumber;
  txn.memo = child(body, 'Memo')?.text ?? txn.memo;
}

/** Next automatic RefNumber: one more than the highest numeric one of that kind, as QB numbers them. */
export function nextRefNumber(ctx: HandlerContext, kind: TxnKind): string {
  let max = 0;
  for (const t of ctx.store.txnsOf(kind)) {
    if (t.refNumber && /^\d+$/.test(t.refNumber)) max = Math.max(max, Number(t.refNumber));
  }
  return String(max + 1);
}

/** Takes `amount` from the open credit of a credit memo (or unused payment) of the same customer. */
export function takeCredit(ctx: HandlerContext, creditTxnId: string, customerId: string | undefined, amountCents: number, field: string): TxnRecord {
  const credit = ctx.store.txns.get(creditTxnId);
  if (!credit || (credit.kind !== 'CreditMemo' && credit.kind !== 'ReceivePayment') || credit.isVoided) {
    throw statusErrors.notFound(creditTxnId);
  }
  if (credit.entityId !== customerId) {
    throw statusErrors.invalidValue(field, creditTxnId, 'The credit belongs to a different customer.');
  }
  if (amountCents > credit.openCents) {
    throw statusErrors.invalidValue(field, formatCents(amountCents), 'You cannot apply more than the available credit.');
  }
  return credit;
}

export function readAmount(node: XNode, name: string): number {
  return readCents(node, name) ?? 0;
}
