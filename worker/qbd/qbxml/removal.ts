import type { RecordKind } from '../../db/schema/enums';
import type { RefundInput } from '../../ledger';
import { el, text } from '../xml';
import { listType } from './lists';
import type { BuildJob } from './types';

/** A card refund is an ARRefundCreditCard in QuickBooks Desktop; any other is a Check. */
export const refundTxnType = (d: RefundInput) => (d.method === 'card' ? 'ARRefundCreditCard' : 'Check');

/** The qbXML transaction type of a Sharper transaction (refunds depend on how the money went back). */
export function txnType(job: Pick<BuildJob, 'kind' | 'data'>): string {
  const types: Partial<Record<RecordKind, string>> = {
    invoice: 'Invoice',
    credit_memo: 'CreditMemo',
    payment: 'ReceivePayment',
    journal_entry: 'JournalEntry',
  };
  if (job.kind === 'refund') return refundTxnType(job.data as RefundInput);
  const t = types[job.kind];
  if (!t) throw new Error(`${job.kind} is not a transaction`);
  return t;
}

const isList = (kind: RecordKind) => ['account', 'terms', 'sales_tax_item', 'customer', 'item'].includes(kind);

/**
 * Void or delete of a record already in QuickBooks. A received payment cannot be voided in qbXML
 * (it is not a TxnVoidType), so voiding one deletes it, which releases what it had paid.
 */
export function removalRq(job: BuildJob & { existing: { qbId: string } }, requestId: string): string {
  if (isList(job.kind)) {
    return el('ListDelRq', [text('ListDelType', listType(job)), text('ListID', job.existing.qbId)], { requestID: requestId });
  }
  const type = txnType(job);
  if (job.action === 'void' && type !== 'ReceivePayment') {
    return el('TxnVoidRq', [text('TxnVoidType', type), text('TxnID', job.existing.qbId)], { requestID: requestId });
  }
  return el('TxnDelRq', [text('TxnDelType', type), text('TxnID', job.existing.qbId)], { requestID: requestId });
}
