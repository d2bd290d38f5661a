import type { XNode } from './xml.js';

export const ITEM_KINDS = ['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemSalesTax', 'ItemSalesTaxGroup'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ListKind = 'Customer' | 'Account' | 'StandardTerms' | 'SalesTaxCode' | ItemKind;
export type TxnKind = 'Invoice' | 'CreditMemo' | 'ReceivePayment' | 'Check' | 'ARRefundCreditCard' | 'JournalEntry';

/** Credit-normal account types: their Balance grows with credits. */
export const CREDIT_NORMAL = new Set([
  'AccountsPayable', 'CreditCard', 'Equity', 'Income', 'LongTermLiability', 'OtherCurrentLiability', 'OtherIncome',
]);

export interface ListRecord {
  kind: ListKind;
  listId: string;
  timeCreated: string;
  timeModified: string;
  editSequence: string;
  name: string;
  fullName: string;
  isActive: boolean;
  parentId?: string;
  sublevel: number;
  /** The Add/Mod children the simulator does not interpret, echoed in Ret by element name. */
  extra: XNode[];
  accountType?: string;
  openBalanceCents?: number;
  /** Sales tax code name (`Tax`/`Non`) on customers and items; IsTaxable on codes. */
  salesTaxCode?: string;
  isTaxable?: boolean;
  itemSalesTaxId?: string;
  termsId?: string;
  /** Item sales description, copied onto invoice lines that send none. */
  desc?: string;
  /** Item price in 1e-5 units. */
  priceUnits?: number;
  accountId?: string;
  /** ItemSalesTax rate in 1e-5 percent units. */
  taxRateUnits?: number;
  taxItemIds?: string[];
  quantityOnHandUnits?: number;
  stdDueDays?: number;
}

export interface TxnLine {
  txnLineId: string;
  itemId?: string;
  desc?: string;
  quantityUnits?: number;
  rateUnits?: number;
  ratePercentUnits?: number;
  amountCents: number;
  salesTaxCode?: string;
  /** Journal/expense lines. */
  accountId?: string;
  entityId?: string;
  memo?: string;
  side?: 'Debit' | 'Credit';
}

export interface Posting {
  accountId: string;
  /** Debit positive, credit negative. */
  cents: number;
  entityId?: string;
}

export interface LinkedTxn {
  txnId: string;
  txnType: TxnKind;
  linkType: 'AMTTYPE' | 'QUANTYPE';
  amountCents: number;
}

export interface Application {
  txnId: string;
  amountCents: number;
  /** Credit memo applied via SetCredit on this application. */
  credits: { creditTxnId: string; amountCents: number }[];
}

export interface TxnRecord {
  kind: TxnKind;
  txnId: string;
  txnNumber: number;
  timeCreated: string;
  timeModified: string;
  editSequence: string;
  txnDate: string;
  refNumber?: string;
  memo?: string;
  externalGuid?: string;
  entityId?: string;
  /** AR account (sales/payments/refunds) or bank account (checks). */
  accountId?: string;
  /** Deposit-to / refund-from account. */
  otherAccountId?: string;
  itemSalesTaxId?: string;
  termsId?: string;
  dueDate?: string;
  salesTaxPercentUnits: number;
  subtotalCents: number;
  salesTaxCents: number;
  totalCents: number;
  /** Open amount: invoice BalanceRemaining, credit memo CreditRemaining, payment UnusedPayment. */
  openCents: number;
  lines: TxnLine[];
  applications: Application[];
  links: LinkedTxn[];
  postings: Posting[];
  isVoided: boolean;
  isAdjustment?: boolean;
  extra: XNode[];
}
