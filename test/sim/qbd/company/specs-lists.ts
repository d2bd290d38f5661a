import { modSpec, spec, type Spec } from './spec.js';

/** List aggregates, US edition, in ops130 order (non-US and QBOE-only elements left out on purpose). */

export const ADDRESS: Spec = spec([
  'Addr1/41', 'Addr2/41', 'Addr3/41', 'Addr4/41@2', 'Addr5/41@6',
  'City/31', 'State/21', 'PostalCode/13', 'Country/31', 'Note/41@6',
]);

const SHIP_TO: Spec = [...spec(['Name!/41']), ...ADDRESS, ...spec(['DefaultShipTo'])];

export const CUSTOMER_ADD: Spec = spec([
  'Name!/41', 'IsActive', 'ClassRef/159@12', 'ParentRef/209', 'CompanyName/41',
  'Salutation/15', 'FirstName/25', 'MiddleName/5', 'LastName/25', 'JobTitle/41@12',
  ['BillAddress', ADDRESS], ['ShipAddress', ADDRESS], ['ShipToAddress*@12', SHIP_TO],
  'Phone/21', 'AltPhone/21', 'Fax/21', 'Email/1023', 'Cc/1023@12', 'Contact/41', 'AltContact/41',
  ['AdditionalContactRef*@12', 'any'], ['Contacts*@12', 'any'],
  'CustomerTypeRef/159', 'TermsRef/31', 'SalesRepRef/5', 'OpenBalance', 'OpenBalanceDate',
  'SalesTaxCodeRef/3', 'ItemSalesTaxRef/31', 'ResaleNumber/15', 'AccountNumber/99', 'CreditLimit',
  'PreferredPaymentMethodRef/31@3', ['CreditCardInfo@3', 'any'], 'JobStatus', 'JobStartDate',
  'JobProjectedEndDate', 'JobEndDate', 'JobDesc/99', 'JobTypeRef/159', 'Notes/4095@3',
  ['AdditionalNotes*@12', 'any'], 'PreferredDeliveryMethod@12', 'PriceLevelRef/31@4',
  'ExternalGUID@8', 'CurrencyRef/64@8',
]);

export const CUSTOMER_MOD: Spec = modSpec('ListID', CUSTOMER_ADD, [
  'OpenBalance', 'OpenBalanceDate', 'ExternalGUID', 'Contacts', 'AdditionalNotes',
]);

const SALES_OR_PURCHASE: Spec = spec(['Desc/4095', 'Price|PricePercent', 'AccountRef/159']);
const SALES_AND_PURCHASE: Spec = spec([
  'SalesDesc/4095', 'SalesPrice', 'IncomeAccountRef/159', 'PurchaseDesc/4095', 'PurchaseCost',
  'ExpenseAccountRef/159', 'PrefVendorRef/41',
]);
const SALES_OR_PURCHASE_MOD: Spec = [...SALES_OR_PURCHASE, ...spec(['ApplyAccountRefToExistingTxns'])];
const SALES_AND_PURCHASE_MOD: Spec = spec([
  'SalesDesc/4095', 'SalesPrice', 'IncomeAccountRef/159', 'ApplyIncomeAccountRefToExistingTxns',
  'PurchaseDesc/4095', 'PurchaseCost', 'ExpenseAccountRef/159', 'ApplyExpenseAccountRefToExistingTxns',
  'PrefVendorRef/41',
]);
const PURCHASE_CHOICE = { SalesOrPurchase: SALES_OR_PURCHASE, SalesAndPurchase: SALES_AND_PURCHASE };
const PURCHASE_CHOICE_MOD = { SalesOrPurchaseMod: SALES_OR_PURCHASE_MOD, SalesAndPurchaseMod: SALES_AND_PURCHASE_MOD };

/** ItemService puts ClassRef before ParentRef; ItemNonInventory the other way round. */
export const ITEM_SERVICE_ADD: Spec = spec([
  'Name!/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ParentRef/159', 'UnitOfMeasureSetRef/31@7',
  'SalesTaxCodeRef/3', ['SalesOrPurchase|SalesAndPurchase!', PURCHASE_CHOICE], 'ExternalGUID@8',
]);
export const ITEM_SERVICE_MOD: Spec = modSpec('ListID', [], [], spec([
  'Name/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ParentRef/159', 'UnitOfMeasureSetRef/31@7',
  'ForceUOMChange@7', 'SalesTaxCodeRef/3', ['SalesOrPurchaseMod|SalesAndPurchaseMod', PURCHASE_CHOICE_MOD],
]));

export const ITEM_NON_INVENTORY_ADD: Spec = spec([
  'Name!/31', 'BarCode@12', 'IsActive', 'ParentRef/159', 'ClassRef/159@12', 'ManufacturerPartNumber/31@7',
  'UnitOfMeasureSetRef/31@7', 'SalesTaxCodeRef/3', ['SalesOrPurchase|SalesAndPurchase!', PURCHASE_CHOICE],
  'ExternalGUID@8',
]);
export const ITEM_NON_INVENTORY_MOD: Spec = modSpec('ListID', [], [], spec([
  'Name/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ParentRef/159', 'ManufacturerPartNumber/31@7',
  'UnitOfMeasureSetRef/31@7', 'ForceUOMChange@7', 'SalesTaxCodeRef/3',
  ['SalesOrPurchaseMod|SalesAndPurchaseMod', PURCHASE_CHOICE_MOD],
]));

export const ITEM_INVENTORY_ADD: Spec = spec([
  'Name!/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ParentRef/159', 'ManufacturerPartNumber/31@7',
  'UnitOfMeasureSetRef/31@7', 'SalesTaxCodeRef/3', 'SalesDesc/4095', 'SalesPrice', 'IncomeAccountRef/159',
  'PurchaseDesc/4095', 'PurchaseCost', 'COGSAccountRef/159', 'PrefVendorRef/41', 'AssetAccountRef/159',
  'ReorderPoint', 'Max@13', 'QuantityOnHand', 'TotalValue', 'InventoryDate', 'ExternalGUID@8',
]);
export const ITEM_INVENTORY_MOD: Spec = modSpec('ListID', [], [], spec([
  'Name/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ParentRef/159', 'ManufacturerPartNumber/31@7',
  'UnitOfMeasureSetRef/31@7', 'ForceUOMChange@7', 'SalesTaxCodeRef/3', 'SalesDesc/4095', 'SalesPrice',
  'IncomeAccountRef/159', 'ApplyIncomeAccountRefToExistingTxns', 'PurchaseDesc/4095', 'PurchaseCost',
  'COGSAccountRef/159', 'ApplyCOGSAccountRefToExistingTxns', 'PrefVendorRef/41', 'AssetAccountRef/159',
  'ReorderPoint', 'Max@13',
]));

export const ITEM_SALES_TAX_ADD: Spec = spec([
  'Name!/31', 'BarCode@12', 'IsActive', 'ClassRef/159@12', 'ItemDesc/4095', 'TaxRate', 'TaxVendorRef/41',
  'ExternalGUID@8',
]);
export const ITEM_SALES_TAX_MOD: Spec = modSpec('ListID', ITEM_SALES_TAX_ADD, ['ExternalGUID']);

export const ITEM_SALES_TAX_GROUP_ADD: Spec = spec([
  'Name!/31', 'BarCode@12', 'IsActive', 'ItemDesc/4095', 'ExternalGUID@8', 'ItemSalesTaxRef+/31',
]);
export const ITEM_SALES_TAX_GROUP_MOD: Spec = modSpec('ListID', [], [], spec([
  'Name/31', 'BarCode@12', 'IsActive', 'ItemDesc/4095', 'ItemSalesTaxRef*/31',
]));

export const ACCOUNT_ADD: Spec = spec([
  'Name!/31', 'IsActive', 'ParentRef/159', 'AccountType!', 'AccountNumber/7', 'BankNumber/25', 'Desc/200',
  'OpenBalance', 'OpenBalanceDate', 'TaxLineID@7', 'CurrencyRef/64@8',
]);
export const ACCOUNT_MOD: Spec = modSpec('ListID', ACCOUNT_ADD);

export const STANDARD_TERMS_ADD: Spec = spec(['Name!/31', 'IsActive', 'StdDueDays', 'StdDiscountDays', 'DiscountPct']);
