import { modSpec, spec, type Spec, type SpecEntry } from './spec.js';
import { ADDRESS } from './specs-lists.js';

/** Transaction aggregates, US edition, in ops130 order. */

const DATA_EXT: Spec = spec(['OwnerID!', 'DataExtName!/31', 'DataExtValue!']);
const LINK_TO_TXN: Spec = spec(['TxnID!', 'TxnLineID!']);
const SET_CREDIT: Spec = spec(['CreditTxnID!', 'TxnLineID', 'AppliedAmount!', 'Override']);

export const INVOICE_LINE_ADD: Spec = spec([
  'ItemRef/159', 'Desc/4095', 'Quantity', 'UnitOfMeasure/31@7', 'Rate|RatePercent|PriceLevelRef',
  'ClassRef/159', 'Amount', 'OptionForPriceRuleConflict@13', 'InventorySiteRef/31@10',
  'InventorySiteLocationRef/31@12', 'SerialNumber|LotNumber@11', 'ServiceDate', 'SalesTaxCodeRef/3',
  'OverrideItemAccountRef/159@2', 'Other1/29@6', 'Other2/29@6', ['LinkToTxn@6', LINK_TO_TXN],
  ['DataExt*@5', DATA_EXT],
]);
const LINE_GROUP: Spec = spec(['ItemGroupRef!/31', 'Quantity', 'UnitOfMeasure/31', 'InventorySiteRef/31', 'InventorySiteLocationRef/31', ['DataExt*', DATA_EXT]]);

const SALES_HEADER_START: SpecEntry[] = [
  'CustomerRef!/209', 'ClassRef/159', 'ARAccountRef/159', 'TemplateRef/31@3', 'TxnDate', 'RefNumber/11',
  ['BillAddress', ADDRESS], ['ShipAddress', ADDRESS], 'IsPending',
];
const SALES_HEADER_END: SpecEntry[] = [
  'PONumber/25', 'TermsRef/31', 'DueDate', 'SalesRepRef/5', 'FOB/13', 'ShipDate', 'ShipMethodRef/15',
  'ItemSalesTaxRef/31', 'Memo/4095', 'CustomerMsgRef/101', 'IsToBePrinted', 'IsToBeEmailed@6',
  'CustomerSalesTaxCodeRef/3', 'Other/29@6', 'ExchangeRate@8',
];

export const INVOICE_ADD: Spec = spec([
  ...SALES_HEADER_START, 'IsFinanceCharge@8', ...SALES_HEADER_END, 'ExternalGUID@9', 'LinkToTxnID*@6',
  ['SetCredit*@10', SET_CREDIT],
  ['InvoiceLineAdd|InvoiceLineGroupAdd*', { InvoiceLineAdd: INVOICE_LINE_ADD, InvoiceLineGroupAdd: LINE_GROUP }],
]);

const INVOICE_LINE_MOD: Spec = [...spec(['TxnLineID!']), ...INVOICE_LINE_ADD.filter((f) => !['LinkToTxn', 'DataExt'].includes(f.names[0]))];
const GROUP_MOD: Spec = spec(['TxnLineID!', 'ItemGroupRef/31', 'Quantity', 'UnitOfMeasure/31', ['InvoiceLineMod*', 'any']]);

export const INVOICE_MOD: Spec = modSpec('TxnID', INVOICE_ADD, ['IsFinanceCharge', 'ExternalGUID', 'LinkToTxnID', 'InvoiceLineAdd'], spec([
  ['InvoiceLineMod|InvoiceLineGroupMod*', { InvoiceLineMod: INVOICE_LINE_MOD, InvoiceLineGroupMod: GROUP_MOD }],
]));

export const CREDIT_MEMO_LINE_ADD: Spec = [
  ...INVOICE_LINE_ADD.filter((f) => !['OptionForPriceRuleConflict', 'LinkToTxn', 'DataExt'].includes(f.names[0])),
  ...spec([['CreditCardTxnInfo@7', 'any'], ['DataExt*@5', DATA_EXT]]),
];

export const CREDIT_MEMO_ADD: Spec = spec([
  ...SALES_HEADER_START, ...SALES_HEADER_END, 'ExternalGUID@9',
  ['CreditMemoLineAdd|CreditMemoLineGroupAdd+', { CreditMemoLineAdd: CREDIT_MEMO_LINE_ADD, CreditMemoLineGroupAdd: LINE_GROUP }],
]);

const CREDIT_MEMO_LINE_MOD: Spec = [...spec(['TxnLineID!']), ...CREDIT_MEMO_LINE_ADD.filter((f) => !['CreditCardTxnInfo', 'DataExt'].includes(f.names[0]))];
export const CREDIT_MEMO_MOD: Spec = modSpec('TxnID', CREDIT_MEMO_ADD, ['ExternalGUID', 'CreditMemoLineAdd'], spec([
  ['CreditMemoLineMod|CreditMemoLineGroupMod*', { CreditMemoLineMod: CREDIT_MEMO_LINE_MOD, CreditMemoLineGroupMod: GROUP_MOD }],
]));

const APPLIED_TO_TXN_ADD: Spec = spec([
  'TxnID!', 'PaymentAmount', ['SetCredit*', SET_CREDIT], 'DiscountAmount', 'DiscountAccountRef/159',
  'DiscountClassRef/159@11',
]);

export const RECEIVE_PAYMENT_ADD: Spec = spec([
  'CustomerRef!/209', 'ARAccountRef/159', 'TxnDate', 'RefNumber/20', 'TotalAmount', 'ExchangeRate@8',
  'PaymentMethodRef/31', 'Memo/4095', 'DepositToAccountRef/159', ['CreditCardTxnInfo@4.1', 'any'],
  // IsAutoApply is a leaf: an empty body keeps the choice table uniform.
  'ExternalGUID@9', ['IsAutoApply|AppliedToTxnAdd+', { IsAutoApply: [], AppliedToTxnAdd: APPLIED_TO_TXN_ADD }],
]);

export const RECEIVE_PAYMENT_MOD: Spec = modSpec('TxnID', [], [], spec([
  'CustomerRef/209', 'ARAccountRef/159', 'TxnDate', 'RefNumber/20', 'TotalAmount', 'ExchangeRate',
  'PaymentMethodRef/31', 'Memo/4095', 'DepositToAccountRef/159', ['CreditCardTxnInfoMod', 'any'],
  ['AppliedToTxnMod*', 'any'],
]));

const EXPENSE_LINE_ADD: Spec = spec([
  'AccountRef/159', 'Amount', 'Memo/4095', 'CustomerRef/209', 'ClassRef/159', 'BillableStatus',
  'SalesRepRef/5@13', ['DataExt*@13', DATA_EXT],
]);
const ITEM_LINE_ADD: Spec = spec([
  'ItemRef/159', 'InventorySiteRef/31@10', 'InventorySiteLocationRef/31@12', 'SerialNumber|LotNumber@11',
  'Desc/4095', 'Quantity', 'UnitOfMeasure/31', 'Cost', 'Amount', 'CustomerRef/209', 'ClassRef/159',
  'BillableStatus', 'OverrideItemAccountRef/159', ['LinkToTxn', LINK_TO_TXN], 'SalesRepRef/5@13', ['DataExt*', DATA_EXT],
]);

const ITEM_GROUP_LINE_ADD: Spec = spec(['ItemGroupRef!/31', 'Quantity', 'UnitOfMeasure/31', 'InventorySiteRef/31', 'InventorySiteLocationRef/31', ['DataExt*', DATA_EXT]]);

export const CHECK_ADD: Spec = spec([
  'AccountRef!/159', 'PayeeEntityRef/209', 'RefNumber/11', 'TxnDate', 'Memo/4095', ['Address', ADDRESS],
  'IsToBePrinted', 'ExchangeRate@8', 'ExternalGUID@9', ['ApplyCheckToTxnAdd*@7', spec(['TxnID!', 'Amount'])],
  ['ExpenseLineAdd*', EXPENSE_LINE_ADD], ['ItemLineAdd|ItemGroupLineAdd*', { ItemLineAdd: ITEM_LINE_ADD, ItemGroupLineAdd: ITEM_GROUP_LINE_ADD }],
]);

export const CHECK_MOD: Spec = modSpec('TxnID', [], [], spec([
  'AccountRef/159', 'PayeeEntityRef/209', 'RefNumber/11', 'TxnDate', 'Memo/4095', ['Address', ADDRESS],
  'IsToBePrinted', 'ExchangeRate', ['ApplyCheckToTxnMod*', 'any'], 'ClearExpenseLines', ['ExpenseLineMod*', 'any'],
  'ClearItemLines', ['ItemLineMod|ItemGroupLineMod*', 'any'],
]));

export const AR_REFUND_CREDIT_CARD_ADD: Spec = spec([
  'CustomerRef!/209', 'RefundFromAccountRef/159', 'ARAccountRef/159', 'TxnDate', 'RefNumber/11',
  ['Address', ADDRESS], 'PaymentMethodRef/31', 'Memo/4095', ['CreditCardTxnInfo', 'any'], 'ExchangeRate@9',
  'ExternalGUID@9', ['RefundAppliedToTxnAdd+', spec(['TxnID!', 'RefundAmount!'])],
]);

const JOURNAL_LINE: Spec = spec([
  'TxnLineID', 'AccountRef/159', 'Amount', 'Memo/4095', 'EntityRef/209', 'ClassRef/159', 'BillableStatus',
]);
export const JOURNAL_ENTRY_ADD: Spec = spec([
  'TxnDate', 'RefNumber/11', 'Memo/4095', 'IsAdjustment@3', 'IsHomeCurrencyAdjustment@8',
  'IsAmountsEnteredInHomeCurrency@8', 'CurrencyRef/64@8', 'ExchangeRate@8', 'ExternalGUID@9',
  ['JournalDebitLine|JournalCreditLine+', { JournalDebitLine: JOURNAL_LINE, JournalCreditLine: JOURNAL_LINE }],
]);
export const JOURNAL_ENTRY_MOD: Spec = modSpec('TxnID', [], [], spec([
  'TxnDate', 'RefNumber/11', 'IsAdjustment', 'IsAmountsEnteredInHomeCurrency', 'CurrencyRef/64', 'ExchangeRate',
  ['JournalLineMod*', 'any'],
]));
