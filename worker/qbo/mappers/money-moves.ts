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
 * A refund becomes a journal entry: debit accounts receivable for the customer (clearing the
 * credit the overpayment or credit memo left), credit the account the money left from. This is
 * how Sharper's ledger posts it too, so receivables agree customer by customer.
 */
export function mapRefund(id: string, d: RefundInput, refs: RefResolver, defaults: { arAccount?: string }) {
  const customer = refs.ref('customer', d.customer, 'customer');
  const what = `Refund (${d.method}) of ${d.of.kind.replace('_', ' ')} ${d.of.id}`;
  return compact({
    TxnDate: d.date,
    DocNumber: d.docNumber,
    PrivateNote: sharperNote('refund', id, d.memo ?? what),
    Line: [
      {
        DetailType: 'JournalEntryLineDetail',
        Amount: amount(d.amount),
        Description: what,
        JournalEntryLineDetail: compact({
          PostingType: 'Debit',
          AccountRef: refs.ref('account', defaults.arAccount, 'settings.arAccount'),
          Entity: customer ? { Type: 'Customer', EntityRef: customer } : undefined,
        }),
      },
      {
        DetailType: 'JournalEntryLineDetail',
        Amount: amount(d.amount),
        Description: what,
        JournalEntryLineDetail: compact({ PostingType: 'Credit', AccountRef: refs.ref('account', d.account, 'account') }),
      },
    ],
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
