import type { JournalEntryInput, PaymentInput, RefundInput } from '../../ledger';
import { amount, compact, RefResolver, sharperNote } from './common';

export function mapPayment(id: string, d: PaymentInput, refs: RefResolver, defaults: { depositAccount?: string }) {
  return compact({
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    TotalAmt: amount(d.amount),
    TxnDate: d.date,
    PaymentRefNum: d.reference,
    DepositToAccountRef: refs.ref('account', d.depositAccount ?? defaults.depositAccount, 'depositAccount'),
    Line: d.applications.map((a, i) => ({
      Amount: amount(a.amount),
      LinkedTxn: [{ TxnId: refs.ref('invoice', a.invoice, `applications[${i}].invoice`)?.value ?? '', TxnType: 'Invoice' }],
    })),
    PrivateNote: sharperNote('payment', id, d.memo),
  });
}

/**
 * A refund becomes a RefundReceipt paid from `account`. QBO needs an item on its line: the
 * company's service-fee item when set, else QBO's default item (unconfirmed whether every
 * company has one; see README).
 */
export function mapRefund(id: string, d: RefundInput, refs: RefResolver, defaults: { refundItem?: string }) {
  return compact({
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    DocNumber: d.docNumber,
    TxnDate: d.date,
    DepositToAccountRef: refs.ref('account', d.account, 'account'),
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: amount(d.amount),
        Description: `Refund of ${d.of.kind.replace('_', ' ')} ${d.of.id}`,
        SalesItemLineDetail: compact({ ItemRef: refs.ref('item', defaults.refundItem, 'settings.serviceFeeItem'), TaxCodeRef: { value: 'NON' } }),
      },
    ],
    PrivateNote: sharperNote('refund', id, d.memo),
  });
}

export function mapJournalEntry(id: string, d: JournalEntryInput, refs: RefResolver) {
  return compact({
    TxnDate: d.date,
    DocNumber: d.docNumber,
    PrivateNote: sharperNote('journal_entry', id, d.memo),
    Line: d.lines.map((l, i) => {
      const customer = refs.ref('customer', l.customer, `lines[${i}].customer`);
      return {
        DetailType: 'JournalEntryLineDetail',
        Amount: amount(l.debit ?? l.credit ?? 0),
        Description: l.memo,
        JournalEntryLineDetail: compact({
          PostingType: l.debit !== undefined && l.debit > 0 ? 'Debit' : 'Credit',
          AccountRef: refs.ref('account', l.account, `lines[${i}].account`),
          Entity: customer ? { Type: 'Customer', EntityRef: customer } : undefined,
        }),
      };
    }),
  });
}
