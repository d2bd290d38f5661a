import type { z } from 'zod';
import type { JobType, RecordKind } from '../db/schema/enums';
import { checkCreditMemo, checkJournalEntry, checkPayment, checkSalesDocument, documentTotal, type Violation } from './integrity';
import {
  accountSchema,
  creditMemoSchema,
  customerSchema,
  invoiceSchema,
  itemSchema,
  journalEntrySchema,
  paymentSchema,
  refundSchema,
  salesTaxItemSchema,
  termsSchema,
  type CreditMemoInput,
  type InvoiceInput,
} from './schemas';

/** A pointer from one record to another it needs in QuickBooks first. */
export interface Reference {
  kind: RecordKind;
  id: string;
  field: string;
}

export interface RecordKindSpec {
  kind: RecordKind;
  /** URL segment: /records/{slug}/{id}. */
  slug: string;
  label: string;
  jobType: JobType;
  /** Dependency rank: a record only references kinds of a lower rank. */
  rank: number;
  transaction: boolean;
  voidable: boolean;
  schema: z.ZodType;
  references(data: any): Reference[];
  integrity(data: any): Violation[];
  describe(data: any): { docNumber?: string; txnDate?: string; displayName?: string; active: boolean; total?: number };
}

const ref = (kind: RecordKind, id: string | undefined, field: string): Reference[] =>
  id ? [{ kind, id, field }] : [];

const salesRefs = (d: InvoiceInput | CreditMemoInput): Reference[] => [
  ...ref('customer', d.customer, 'customer'),
  ...ref('sales_tax_item', d.taxItem, 'taxItem'),
  ...d.lines.flatMap((l, i) => ref('item', l.item, `lines[${i}].item`)),
];

const list = (d: { name: string; active: boolean }) => ({ displayName: d.name, active: d.active });

// `any` in the hooks below: each receives the output of its own `schema`, which the ledger
// parses before calling them; the map keeps one shape for all kinds.
export const recordKindSpecs: Record<RecordKind, RecordKindSpec> = {
  account: {
    kind: 'account', slug: 'accounts', label: 'account', jobType: 'Accountimport', rank: 0,
    transaction: false, voidable: false, schema: accountSchema,
    references: (d) => ref('account', d.parent, 'parent'),
    integrity: () => [],
    describe: list,
  },
  terms: {
    kind: 'terms', slug: 'terms', label: 'payment terms', jobType: 'Termsimport', rank: 1,
    transaction: false, voidable: false, schema: termsSchema,
    references: () => [],
    integrity: () => [],
    describe: list,
  },
  sales_tax_item: {
    kind: 'sales_tax_item', slug: 'sales-tax-items', label: 'sales-tax item', jobType: 'Salestaximport', rank: 1,
    transaction: false, voidable: false, schema: salesTaxItemSchema,
    references: () => [],
    integrity: () => [],
    describe: list,
  },
  item: {
    kind: 'item', slug: 'items', label: 'product', jobType: 'Iteminventoryimport', rank: 2,
    transaction: false, voidable: false, schema: itemSchema,
    references: (d) => [
      ...ref('account', d.incomeAccount, 'incomeAccount'),
      ...ref('account', d.cogsAccount, 'cogsAccount'),
      ...ref('account', d.assetAccount, 'assetAccount'),
    ],
    integrity: () => [],
    describe: list,
  },
  customer: {
    kind: 'customer', slug: 'customers', label: 'customer', jobType: 'Customerimport', rank: 2,
    transaction: false, voidable: false, schema: customerSchema,
    references: (d) => [...ref('terms', d.terms, 'terms'), ...ref('sales_tax_item', d.taxItem, 'taxItem')],
    integrity: () => [],
    describe: list,
  },
  invoice: {
    kind: 'invoice', slug: 'invoices', label: 'invoice', jobType: 'Invoiceimport', rank: 3,
    transaction: true, voidable: true, schema: invoiceSchema,
    references: (d) => [...salesRefs(d), ...ref('terms', d.terms, 'terms')],
    integrity: checkSalesDocument,
    describe: (d) => ({ docNumber: d.docNumber, txnDate: d.date, active: true, total: documentTotal(d) }),
  },
  journal_entry: {
    kind: 'journal_entry', slug: 'journal-entries', label: 'journal entry', jobType: 'Journalentryimport', rank: 3,
    transaction: true, voidable: true, schema: journalEntrySchema,
    references: (d) =>
      d.lines.flatMap((l: { account: string; customer?: string }, i: number) => [
        ...ref('account', l.account, `lines[${i}].account`),
        ...ref('customer', l.customer, `lines[${i}].customer`),
      ]),
    integrity: checkJournalEntry,
    describe: (d) => ({ docNumber: d.docNumber, txnDate: d.date, active: true }),
  },
  payment: {
    kind: 'payment', slug: 'payments', label: 'payment', jobType: 'Paymentimport', rank: 4,
    transaction: true, voidable: true, schema: paymentSchema,
    references: (d) => [
      ...ref('customer', d.customer, 'customer'),
      ...ref('account', d.depositAccount, 'depositAccount'),
      ...d.applications.flatMap((a: { invoice: string }, i: number) => ref('invoice', a.invoice, `applications[${i}].invoice`)),
    ],
    integrity: checkPayment,
    describe: (d) => ({ docNumber: d.reference, txnDate: d.date, active: true, total: d.amount }),
  },
  credit_memo: {
    kind: 'credit_memo', slug: 'credit-memos', label: 'credit memo', jobType: 'Creditmemoimport', rank: 4,
    transaction: true, voidable: true, schema: creditMemoSchema,
    references: (d) => [
      ...salesRefs(d),
      ...d.applications.flatMap((a: { invoice: string }, i: number) => ref('invoice', a.invoice, `applications[${i}].invoice`)),
    ],
    integrity: checkCreditMemo,
    describe: (d) => ({ docNumber: d.docNumber, txnDate: d.date, active: true, total: documentTotal(d) }),
  },
  refund: {
    kind: 'refund', slug: 'refunds', label: 'refund', jobType: 'Refundimport', rank: 5,
    transaction: true, voidable: true, schema: refundSchema,
    references: (d) => [
      ...ref('customer', d.customer, 'customer'),
      ...ref(d.of.kind, d.of.id, 'of.id'),
      ...ref('account', d.account, 'account'),
    ],
    integrity: () => [],
    describe: (d) => ({ docNumber: d.docNumber, txnDate: d.date, active: true, total: d.amount }),
  },
};

const bySlug = new Map(Object.values(recordKindSpecs).map((s) => [s.slug, s]));

export function kindFromSlug(slug: string): RecordKindSpec | undefined {
  return bySlug.get(slug);
}

export const recordKindSlugs = Object.values(recordKindSpecs).map((s) => s.slug);
