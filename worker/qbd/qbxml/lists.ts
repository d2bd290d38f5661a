import type { AccountInput, CustomerInput, ItemInput, SalesTaxItemInput, TermsInput } from '../../ledger';
import { el, text } from '../xml';
import { address, addOrMod, amount, idRef, rq, taxCode, UnsupportedChange } from './common';
import type { BuildJob, BuildRefs } from './types';

/** Sharper account types → qbXML AccountType (US edition). */
export const ACCOUNT_TYPES: Record<AccountInput['type'], string> = {
  accounts_receivable: 'AccountsReceivable',
  bank: 'Bank',
  other_current_asset: 'OtherCurrentAsset',
  fixed_asset: 'FixedAsset',
  other_asset: 'OtherAsset',
  accounts_payable: 'AccountsPayable',
  credit_card: 'CreditCard',
  other_current_liability: 'OtherCurrentLiability',
  long_term_liability: 'LongTermLiability',
  equity: 'Equity',
  income: 'Income',
  cost_of_goods_sold: 'CostOfGoodsSold',
  expense: 'Expense',
  other_income: 'OtherIncome',
  other_expense: 'OtherExpense',
};

/** The qbXML list type a Sharper list record becomes (the `Item…` family depends on the item type). */
export function listType(job: Pick<BuildJob, 'kind' | 'data'>): string {
  switch (job.kind) {
    case 'account':
      return 'Account';
    case 'terms':
      return 'StandardTerms';
    case 'sales_tax_item':
      return 'ItemSalesTax';
    case 'customer':
      return 'Customer';
    case 'item': {
      const type = (job.data as ItemInput).type;
      return type === 'inventory' ? 'ItemInventory' : type === 'non_inventory' ? 'ItemNonInventory' : 'ItemService';
    }
    default:
      throw new Error(`${job.kind} is not a list`);
  }
}

/** Percent as QuickBooks writes it: Sharper keeps rates as decimal strings already ("7.5"). */
const percentText = (name: string, value: string | undefined) => (value === undefined ? null : text(name, String(value)));

export function accountRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as AccountInput;
  const fields = [
    text('Name', d.name, 31),
    text('IsActive', d.active),
    idRef(refs, 'ParentRef', 'account', d.parent, 'parent'),
    text('AccountType', ACCOUNT_TYPES[d.type]),
    text('AccountNumber', d.number, 7),
    text('Desc', d.description, 200),
  ];
  const { op, xml } = addOrMod('Account', 'ListID', job.existing, fields);
  return rq(`Account${op}`, xml, requestId);
}

export function termsRq(job: BuildJob, _refs: BuildRefs, requestId: string): string {
  const d = job.data as TermsInput;
  if (job.existing) {
    throw new UnsupportedChange(
      `qbXML has no way to change payment terms that are already in QuickBooks; edit "${d.name}" in QuickBooks (Lists › Customer & Vendor Profile Lists › Terms List) to match Sharper, then requeue.`,
    );
  }
  return rq('StandardTermsAdd', el('StandardTermsAdd', [
    text('Name', d.name, 31),
    text('IsActive', d.active),
    text('StdDueDays', d.netDays),
    text('StdDiscountDays', d.discountDays),
    percentText('DiscountPct', d.discountPercent),
  ]), requestId);
}

export function salesTaxItemRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as SalesTaxItemInput;
  // The agency is a vendor in QuickBooks; Sharper has no vendors, so it is named in the description
  // rather than referenced (a TaxVendorRef to a missing vendor would fail the whole item).
  const fields = [
    text('Name', d.name, 31),
    text('IsActive', d.active),
    text('ItemDesc', d.description ?? `Collected for ${d.agency}`, 4095),
    percentText('TaxRate', d.rate),
  ];
  const { op, xml } = addOrMod('ItemSalesTax', 'ListID', job.existing, [...fields, text('ExternalGUID', refs.guid('sales_tax_item', job.sourceId))], fields);
  return rq(`ItemSalesTax${op}`, xml, requestId);
}

export function itemRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as ItemInput;
  const cents = d.price;
  const type = listType(job);
  const guid = text('ExternalGUID', refs.guid('item', job.sourceId));
  const head = [text('Name', d.name, 31), text('IsActive', d.active)];
  const income = idRef(refs, 'IncomeAccountRef', 'account', d.incomeAccount, 'incomeAccount');
  if (type === 'ItemInventory') {
    const fields = [
      ...head,
      taxCode('SalesTaxCodeRef', d.taxable),
      text('SalesDesc', d.description, 4095),
      amount('SalesPrice', cents),
      income,
      idRef(refs, 'COGSAccountRef', 'account', d.cogsAccount, 'cogsAccount'),
    ];
    const asset = idRef(refs, 'AssetAccountRef', 'account', d.assetAccount, 'assetAccount');
    const { op, xml } = addOrMod(type, 'ListID', job.existing, [...fields, asset, guid], [...fields, asset]);
    return rq(`${type}${op}`, xml, requestId);
  }
  const salesOrPurchase = (suffix: string) =>
    el(`SalesOrPurchase${suffix}`, [text('Desc', d.description, 4095), amount('Price', cents), idRef(refs, 'AccountRef', 'account', d.incomeAccount, 'incomeAccount')]);
  const { op, xml } = addOrMod(
    type,
    'ListID',
    job.existing,
    [...head, taxCode('SalesTaxCodeRef', d.taxable), salesOrPurchase(''), guid],
    [...head, taxCode('SalesTaxCodeRef', d.taxable), salesOrPurchase('Mod')],
  );
  return rq(`${type}${op}`, xml, requestId);
}

export function customerRq(job: BuildJob, refs: BuildRefs, requestId: string): string {
  const d = job.data as CustomerInput;
  const fields = [
    text('Name', d.name, 41),
    text('IsActive', d.active),
    text('CompanyName', d.companyName, 41),
    text('FirstName', d.firstName, 25),
    text('LastName', d.lastName, 25),
    address('BillAddress', d.billingAddress),
    text('Phone', d.phone, 21),
    text('Email', d.email, 1023),
    idRef(refs, 'TermsRef', 'terms', d.terms, 'terms'),
    taxCode('SalesTaxCodeRef', d.taxable),
    idRef(refs, 'ItemSalesTaxRef', 'sales_tax_item', d.taxItem, 'taxItem'),
  ];
  const { op, xml } = addOrMod('Customer', 'ListID', job.existing, [...fields, text('ExternalGUID', refs.guid('customer', job.sourceId))], fields);
  return rq(`Customer${op}`, xml, requestId);
}
