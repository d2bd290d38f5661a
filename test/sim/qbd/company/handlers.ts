import type { Handler } from './context.js';
import { listDel, txnDel, txnVoid } from './delete.js';
import { companyQuery, hostQuery, preferencesQuery } from './host.js';
import { journalEntryAdd, journalEntryMod } from './journal.js';
import { listAdd, listMod } from './lists.js';
import { receivePaymentAdd, receivePaymentMod } from './payment.js';
import { listQuery, txnQuery } from './queries.js';
import { arRefundCreditCardAdd, checkAdd, checkMod } from './refunds.js';
import { agingReportQuery, generalSummaryReportQuery, txnDeletedQuery } from './reports.js';
import { salesAdd, salesMod } from './sales.js';
import { ITEM_KINDS } from './types.js';

/** Every request type the simulator answers; REQUEST_SPECS holds their element order. */
export const HANDLERS: Record<string, Handler> = {
  HostQueryRq: hostQuery,
  CompanyQueryRq: companyQuery,
  PreferencesQueryRq: preferencesQuery,

  CustomerAddRq: listAdd('Customer'),
  CustomerModRq: listMod('Customer'),
  CustomerQueryRq: listQuery(['Customer']),
  ItemServiceAddRq: listAdd('ItemService'),
  ItemServiceModRq: listMod('ItemService'),
  ItemServiceQueryRq: listQuery(['ItemService']),
  ItemNonInventoryAddRq: listAdd('ItemNonInventory'),
  ItemNonInventoryModRq: listMod('ItemNonInventory'),
  ItemNonInventoryQueryRq: listQuery(['ItemNonInventory']),
  ItemInventoryAddRq: listAdd('ItemInventory'),
  ItemInventoryModRq: listMod('ItemInventory'),
  ItemInventoryQueryRq: listQuery(['ItemInventory']),
  ItemSalesTaxAddRq: listAdd('ItemSalesTax'),
  ItemSalesTaxModRq: listMod('ItemSalesTax'),
  ItemSalesTaxQueryRq: listQuery(['ItemSalesTax']),
  ItemSalesTaxGroupAddRq: listAdd('ItemSalesTaxGroup'),
  ItemSalesTaxGroupModRq: listMod('ItemSalesTaxGroup'),
  ItemSalesTaxGroupQueryRq: listQuery(['ItemSalesTaxGroup']),
  ItemQueryRq: listQuery([...ITEM_KINDS]),
  AccountAddRq: listAdd('Account'),
  AccountModRq: listMod('Account'),
  AccountQueryRq: listQuery(['Account']),
  StandardTermsAddRq: listAdd('StandardTerms'),
  StandardTermsQueryRq: listQuery(['StandardTerms']),

  InvoiceAddRq: salesAdd('Invoice'),
  InvoiceModRq: salesMod('Invoice'),
  InvoiceQueryRq: txnQuery('Invoice'),
  CreditMemoAddRq: salesAdd('CreditMemo'),
  CreditMemoModRq: salesMod('CreditMemo'),
  CreditMemoQueryRq: txnQuery('CreditMemo'),
  ReceivePaymentAddRq: receivePaymentAdd,
  ReceivePaymentModRq: receivePaymentMod,
  ReceivePaymentQueryRq: txnQuery('ReceivePayment'),
  CheckAddRq: checkAdd,
  CheckModRq: checkMod,
  CheckQueryRq: txnQuery('Check'),
  ARRefundCreditCardAddRq: arRefundCreditCardAdd,
  ARRefundCreditCardQueryRq: txnQuery('ARRefundCreditCard'),
  JournalEntryAddRq: journalEntryAdd,
  JournalEntryModRq: journalEntryMod,
  JournalEntryQueryRq: txnQuery('JournalEntry'),

  GeneralSummaryReportQueryRq: generalSummaryReportQuery,
  AgingReportQueryRq: agingReportQuery,
  TxnDeletedQueryRq: txnDeletedQuery,

  TxnDelRq: txnDel,
  TxnVoidRq: txnVoid,
  ListDelRq: listDel,
};
