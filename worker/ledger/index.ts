export { ingestRecords, type IngestOperation, type IngestResult, type IngestOutcome, type RecordOp } from './ingest';
export { recordKindSpecs, kindFromSlug, recordKindSlugs, type RecordKindSpec, type Reference } from './kinds';
export { parseMoney, formatCents } from './money';
export { getRecord } from './get';
export { appliedTotal, documentTotal } from './integrity';
export { accountSubtypeOf, accountSubtypesByType, accountTypes, type AccountType } from './account-subtypes';
export {
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
} from './schemas';
export type {
  AccountInput,
  CreditMemoInput,
  CustomerInput,
  InvoiceInput,
  ItemInput,
  JournalEntryInput,
  PaymentInput,
  RefundInput,
  SalesTaxItemInput,
  TermsInput,
} from './schemas';
