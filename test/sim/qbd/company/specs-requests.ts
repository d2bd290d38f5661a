import { spec, type Spec } from './spec.js';
import * as L from './specs-lists.js';
import * as T from './specs-txns.js';

/** Body of each supported `*Rq` element (attributes are checked separately). */

const NAME_FILTER = spec(['MatchCriterion!', 'Name!']);
const NAME_RANGE = spec(['FromName', 'ToName']);
const DATE_RANGE = spec(['FromModifiedDate', 'ToModifiedDate']);
const TXN_DATE_RANGE = spec(['FromTxnDate', 'ToTxnDate', 'DateMacro']);
const ENTITY_FILTER = spec(['ListID*', 'FullName*/209', 'ListIDWithChildren', 'FullNameWithChildren/209']);
const REF_FILTER = spec(['MatchCriterion!', 'RefNumber!']);
const REF_RANGE = spec(['FromRefNumber', 'ToRefNumber']);

function listQuery(extra: Spec, withOwner = true): Spec {
  return [
    ...spec([
      'ListID*', 'FullName*/209', 'MaxReturned', 'ActiveStatus', 'FromModifiedDate', 'ToModifiedDate',
      ['NameFilter|NameRangeFilter', { NameFilter: NAME_FILTER, NameRangeFilter: NAME_RANGE }],
    ]),
    ...extra,
    ...spec(withOwner ? ['IncludeRetElement*/50', 'OwnerID*@2'] : ['IncludeRetElement*/50']),
  ];
}

function txnQuery(opts: { paidStatus?: boolean; linked?: boolean }): Spec {
  return spec([
    'TxnID*', 'RefNumber*', 'RefNumberCaseSensitive*@4', 'MaxReturned',
    ['ModifiedDateRangeFilter|TxnDateRangeFilter', { ModifiedDateRangeFilter: DATE_RANGE, TxnDateRangeFilter: TXN_DATE_RANGE }],
    ['EntityFilter', ENTITY_FILTER], ['AccountFilter', 'any'],
    ['RefNumberFilter|RefNumberRangeFilter', { RefNumberFilter: REF_FILTER, RefNumberRangeFilter: REF_RANGE }],
    ['CurrencyFilter@8', 'any'],
    ...(opts.paidStatus ? ['PaidStatus'] : []),
    'IncludeLineItems',
    ...(opts.linked ? ['IncludeLinkedTxns'] : []),
    'IncludeRetElement*/50', 'OwnerID*@2',
  ]);
}

const REPORT_PERIOD = spec(['FromReportDate', 'ToReportDate']);
/** ReportCoreFilter (qbxml130.xsd): the period, then filters the simulator refuses with 1030 (see reports.ts). */
const REPORT_CORE_FILTER = spec([
  ['ReportPeriod|ReportDateMacro', { ReportPeriod: REPORT_PERIOD, ReportDateMacro: [] }],
  ['ReportAccountFilter', 'any'], ['ReportEntityFilter', 'any'], ['ReportItemFilter', 'any'], ['ReportClassFilter', 'any'],
  ['ReportTxnTypeFilter', 'any'], ['ReportModifiedDateRangeFilter|ReportModifiedDateRangeMacro', 'any'],
  'ReportDetailLevelFilter', 'ReportPostingStatusFilter',
]);

const withRet = (name: string, body: Spec): Spec => spec([[`${name}!`, body], 'IncludeRetElement*/50@4']);
const CLASS_FILTER = spec([['ClassFilter@12', 'any']]);

export const REQUEST_SPECS: Record<string, Spec> = {
  HostQueryRq: spec(['IncludeListMetaData', 'IncludeRetElement*/50']),
  CompanyQueryRq: spec(['IncludeRetElement*/50', 'OwnerID*@2']),
  PreferencesQueryRq: spec(['IncludeRetElement*/50']),

  CustomerAddRq: withRet('CustomerAdd', L.CUSTOMER_ADD),
  CustomerModRq: withRet('CustomerMod', L.CUSTOMER_MOD),
  CustomerQueryRq: listQuery(spec([['TotalBalanceFilter', 'any'], ['CurrencyFilter@8', 'any'], ['ClassFilter@12', 'any']])),
  ItemServiceAddRq: withRet('ItemServiceAdd', L.ITEM_SERVICE_ADD),
  ItemServiceModRq: withRet('ItemServiceMod', L.ITEM_SERVICE_MOD),
  ItemServiceQueryRq: listQuery(CLASS_FILTER),
  ItemNonInventoryAddRq: withRet('ItemNonInventoryAdd', L.ITEM_NON_INVENTORY_ADD),
  ItemNonInventoryModRq: withRet('ItemNonInventoryMod', L.ITEM_NON_INVENTORY_MOD),
  ItemNonInventoryQueryRq: listQuery(CLASS_FILTER),
  ItemInventoryAddRq: withRet('ItemInventoryAdd', L.ITEM_INVENTORY_ADD),
  ItemInventoryModRq: withRet('ItemInventoryMod', L.ITEM_INVENTORY_MOD),
  ItemInventoryQueryRq: listQuery(CLASS_FILTER),
  ItemSalesTaxAddRq: withRet('ItemSalesTaxAdd', L.ITEM_SALES_TAX_ADD),
  ItemSalesTaxModRq: withRet('ItemSalesTaxMod', L.ITEM_SALES_TAX_MOD),
  ItemSalesTaxQueryRq: listQuery(CLASS_FILTER),
  ItemSalesTaxGroupAddRq: withRet('ItemSalesTaxGroupAdd', L.ITEM_SALES_TAX_GROUP_ADD),
  ItemSalesTaxGroupModRq: withRet('ItemSalesTaxGroupMod', L.ITEM_SALES_TAX_GROUP_MOD),
  ItemSalesTaxGroupQueryRq: listQuery([]),
  ItemQueryRq: listQuery([]),
  AccountAddRq: withRet('AccountAdd', L.ACCOUNT_ADD),
  AccountModRq: withRet('AccountMod', L.ACCOUNT_MOD),
  AccountQueryRq: listQuery(spec(['AccountType*', ['CurrencyFilter@8', 'any']])),
  StandardTermsAddRq: withRet('StandardTermsAdd', L.STANDARD_TERMS_ADD),
  StandardTermsQueryRq: listQuery([], false),

  InvoiceAddRq: withRet('InvoiceAdd', T.INVOICE_ADD),
  InvoiceModRq: withRet('InvoiceMod', T.INVOICE_MOD),
  InvoiceQueryRq: txnQuery({ paidStatus: true, linked: true }),
  CreditMemoAddRq: withRet('CreditMemoAdd', T.CREDIT_MEMO_ADD),
  CreditMemoModRq: withRet('CreditMemoMod', T.CREDIT_MEMO_MOD),
  CreditMemoQueryRq: txnQuery({ linked: true }),
  ReceivePaymentAddRq: withRet('ReceivePaymentAdd', T.RECEIVE_PAYMENT_ADD),
  ReceivePaymentModRq: withRet('ReceivePaymentMod', T.RECEIVE_PAYMENT_MOD),
  ReceivePaymentQueryRq: txnQuery({}),
  CheckAddRq: withRet('CheckAdd', T.CHECK_ADD),
  CheckModRq: withRet('CheckMod', T.CHECK_MOD),
  CheckQueryRq: txnQuery({ linked: true }),
  ARRefundCreditCardAddRq: withRet('ARRefundCreditCardAdd', T.AR_REFUND_CREDIT_CARD_ADD),
  ARRefundCreditCardQueryRq: txnQuery({}),
  JournalEntryAddRq: withRet('JournalEntryAdd', T.JOURNAL_ENTRY_ADD),
  JournalEntryModRq: withRet('JournalEntryMod', T.JOURNAL_ENTRY_MOD),
  JournalEntryQueryRq: txnQuery({}),

  GeneralSummaryReportQueryRq: [
    ...spec(['GeneralSummaryReportType!', 'DisplayReport']),
    ...REPORT_CORE_FILTER,
    ...spec(['SummarizeColumnsBy', 'IncludeSubcolumns', 'ReportCalendar', 'ReturnRows', 'ReturnColumns', 'ReportBasis']),
  ],
  AgingReportQueryRq: [
    ...spec(['AgingReportType!', 'DisplayReport']),
    ...REPORT_CORE_FILTER,
    ...spec(['IncludeColumn*', 'IncludeAccounts', 'ReportAgingAsOf']),
  ],
  TxnDeletedQueryRq: spec(['TxnDelType+', ['DeletedDateRangeFilter', spec(['FromDeletedDate', 'ToDeletedDate'])], 'IncludeRetElement*/50']),

  TxnDelRq: spec(['TxnDelType!', 'TxnID!']),
  TxnVoidRq: spec(['TxnVoidType!', 'TxnID!']),
  ListDelRq: spec(['ListDelType!', 'ListID!']),
};
