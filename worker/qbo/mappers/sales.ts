import type { CreditMemoInput, InvoiceInput } from '../../ledger';
import { amount, compact, RefResolver, sharperNote } from './common';

type SalesDoc = InvoiceInput | CreditMemoInput;

/** Qty and UnitPrice only when they multiply to the line amount exactly (QBO answers 6070 otherwise). */
function line(l: SalesDoc['lines'][number], i: number, refs: RefResolver) {
  const exact = l.quantity !== undefined && l.rate !== undefined && Math.round(Number(l.quantity) * Number(l.rate) * 100) === l.amount;
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: amount(l.amount),
    Description: l.description,
    SalesItemLineDetail: compact({
      ItemRef: refs.ref('item', l.item, `lines[${i}].item`),
      Qty: exact ? Number(l.quantity) : undefined,
      UnitPrice: exact ? Number(l.rate) : undefined,
      TaxCodeRef: { value: l.taxable === false ? 'NON' : 'TAX' },
      ServiceDate: l.servicePeriod?.start,
    }),
  };
}

/**
 * Invoice and CreditMemo share QBO's sales-line model. Sharper's computed tax is sent as
 * TotalTax so QBO (and AST) keep Sharper's amount rather than recomputing it.
 */
export function mapSalesDocument(kind: 'invoice' | 'credit_memo', id: string, d: SalesDoc, refs: RefResolver) {
  const taxCode = refs.ref('sales_tax_item', d.taxItem, 'taxItem');
  const invoice = kind === 'invoice' ? (d as InvoiceInput) : undefined;
  return compact({
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    DocNumber: d.docNumber,
    TxnDate: d.date,
    DueDate: invoice?.dueDate,
    SalesTermRef: refs.ref('terms', invoice?.terms, 'terms'),
    Line: d.lines.map((l, i) => line(l, i, refs)),
    TxnTaxDetail: taxCode || d.tax ? compact({ TxnTaxCodeRef: taxCode, TotalTax: amount(d.tax) }) : undefined,
    PrivateNote: sharperNote(kind, id, d.memo),
  });
}
