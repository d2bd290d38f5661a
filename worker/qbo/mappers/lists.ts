import { accountSubtypeOf, type AccountInput, type CustomerInput, type ItemInput, type TermsInput } from '../../ledger';
import { amount, compact, RefResolver } from './common';

const ACCOUNT_TYPES: Record<AccountInput['type'], string> = {
  accounts_receivable: 'Accounts Receivable',
  bank: 'Bank',
  other_current_asset: 'Other Current Asset',
  fixed_asset: 'Fixed Asset',
  other_asset: 'Other Asset',
  accounts_payable: 'Accounts Payable',
  credit_card: 'Credit Card',
  other_current_liability: 'Other Current Liability',
  long_term_liability: 'Long Term Liability',
  equity: 'Equity',
  income: 'Income',
  cost_of_goods_sold: 'Cost of Goods Sold',
  expense: 'Expense',
  other_income: 'Other Income',
  other_expense: 'Other Expense',
};

/**
 * The detail type an account gets when Sharper names none: the plain, catch-all one of each type
 * (a marina's income is mostly services: slips, storage, labour). Each is in the ledger's
 * accountSubtypesByType for its type; mappers.test.ts checks that.
 */
export const DEFAULT_ACCOUNT_SUBTYPES: Record<AccountInput['type'], string> = {
  accounts_receivable: 'AccountsReceivable',
  bank: 'Checking',
  other_current_asset: 'OtherCurrentAssets',
  fixed_asset: 'OtherFixedAssets',
  other_asset: 'OtherLongTermAssets',
  accounts_payable: 'AccountsPayable',
  credit_card: 'CreditCard',
  other_current_liability: 'OtherCurrentLiabilities',
  long_term_liability: 'OtherLongTermLiabilities',
  equity: 'OwnersEquity',
  income: 'ServiceFeeIncome',
  cost_of_goods_sold: 'SuppliesMaterialsCogs',
  expense: 'OtherBusinessExpenses',
  other_income: 'OtherMiscellaneousIncome',
  other_expense: 'OtherMiscellaneousExpense',
};

// Always sent with AccountType, so a type change in Sharper never leaves QuickBooks holding a
// detail type of the old type. Checked again here, not only at ingest: a version stored before
// the ledger checked subtypes may still name one QuickBooks would refuse, and gets the default.
const subTypeOf = (d: AccountInput) => (d.subType && accountSubtypeOf(d.type, d.subType)) || DEFAULT_ACCOUNT_SUBTYPES[d.type];

export function mapAccount(d: AccountInput, refs: RefResolver) {
  const parent = refs.ref('account', d.parent, 'parent');
  return compact({
    Name: d.name,
    AcctNum: d.number,
    AccountType: ACCOUNT_TYPES[d.type],
    AccountSubType: subTypeOf(d),
    Description: d.description,
    SubAccount: parent ? true : undefined,
    ParentRef: parent,
    Active: d.active,
  });
}

// No `Type`: QBO derives it (STANDARD from DueDays) and treats it as read-only.
export function mapTerms(d: TermsInput) {
  return compact({
    Name: d.name,
    DueDays: d.netDays,
    DiscountPercent: d.discountPercent === undefined ? undefined : Number(d.discountPercent),
    DiscountDays: d.discountDays,
    Active: d.active,
  });
}

export function mapCustomer(d: CustomerInput, refs: RefResolver) {
  const a = d.billingAddress;
  return compact({
    DisplayName: d.name,
    CompanyName: d.companyName,
    GivenName: d.firstName,
    FamilyName: d.lastName,
    PrimaryEmailAddr: d.email ? { Address: d.email } : undefined,
    PrimaryPhone: d.phone ? { FreeFormNumber: d.phone } : undefined,
    BillAddr: a ? compact({ Line1: a.line1, Line2: a.line2, City: a.city, CountrySubDivisionCode: a.state, PostalCode: a.postalCode, Country: a.country }) : undefined,
    SalesTermRef: refs.ref('terms', d.terms, 'terms'),
    Taxable: d.taxable,
    Active: d.active,
  });
}

const ITEM_TYPES: Record<ItemInput['type'], string> = { service: 'Service', non_inventory: 'NonInventory', inventory: 'Inventory' };

export function mapItem(d: ItemInput, refs: RefResolver, txnDate: string) {
  const inventory = d.type === 'inventory';
  return compact({
    Name: d.name,
    Type: ITEM_TYPES[d.type],
    Description: d.description,
    UnitPrice: amount(d.price),
    IncomeAccountRef: refs.ref('account', d.incomeAccount, 'incomeAccount'),
    ExpenseAccountRef: refs.ref('account', d.cogsAccount, 'cogsAccount'),
    AssetAccountRef: refs.ref('account', d.assetAccount, 'assetAccount'),
    TrackQtyOnHand: inventory ? true : undefined,
    QtyOnHand: inventory ? 0 : undefined,
    InvStartDate: inventory ? txnDate : undefined,
    Taxable: d.taxable,
    Active: d.active,
  });
}
