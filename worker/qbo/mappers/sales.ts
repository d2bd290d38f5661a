import type { QboTaxMode } from '../../db/schema/qbo-connections';
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
 * Sharper's tax on the document. QBO keeps an explicit `TotalTax` (and, with automated sales tax,
 * prorates it over the rates it picks) but computes its own when none is sent — so it is always
 * sent, 0 included. With automated sales tax QBO picks the tax code itself and overrides any sent
 * (qbo-api.md §4.10): only the amount goes. Otherwise Sharper's tax item is the code.
 */
function taxDetail(d: SalesDoc, refs: RefResolver, taxMode: QboTaxMode | null | undefined) {
  if (taxMode === 'automated') return { TotalTax: amount(d.tax ?? 0) };
  return compact({ TxnTaxCodeRef: refs.ref('sales_tax_item', d.taxItem, 'taxItem'), TotalTax: amount(d.tax ?? 0) });
}

/** Invoice and CreditMemo share QBO's sales-line model. */
export function mapSalesDocument(kind: 'invoice' | 'credit_memo', id: string, d: SalesDoc, refs: RefResolver, taxMode?: QboTaxMode | null) {
  const invoice = kind === 'invoice' ? (d as InvoiceInput) : undefined;
  return compact({
    CustomerRef: refs.ref('customer', d.customer, 'customer'),
    DocNumber: d.docNumber,
    TxnDate: d.date,
    DueDate: invoice?.dueDate,
    SalesTermRef: refs.ref('terms', invoice?.terms, 'terms'),
    Line: d.lines.map((l, i) => line(l, i, refs)),
    TxnTaxDetail: taxDetail(d, refs, taxMode),
    PrivateNote: sharperNote(kind, id, d.memo),
  });
}
