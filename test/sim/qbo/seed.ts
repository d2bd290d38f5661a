import { ACCOUNT_TYPES } from './entities/accounts';
import { astCode } from './entities/ast';
import { insertEntity } from './store';
import type { Realm } from './types';

const ACCOUNTS: readonly [name: string, type: string, subType: string][] = [
  ['Checking', 'Bank', 'Checking'],
  ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
  ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
  ['Inventory Asset', 'Other Current Asset', 'Inventory'],
  ['Sales Tax Payable', 'Other Current Liability', 'SalesTaxPayable'],
  ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity'],
  ['Retained Earnings', 'Equity', 'RetainedEarnings'],
  ['Services', 'Income', 'ServiceFeeIncome'],
  ['Sales of Product Income', 'Income', 'SalesOfProductIncome'],
  ['Discounts given', 'Income', 'DiscountsRefundsGiven'],
  ['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
];

const TERMS: readonly [name: string, days: number][] = [
  ['Due on receipt', 0],
  ['Net 15', 15],
  ['Net 30', 30],
  ['Net 60', 60],
];

/**
 * What a fresh QBO company has before any sync: a small chart of accounts, standard terms and
 * the default "Services" item. Ids come from the realm's counter, so tests look them up by name.
 */
export function seedRealm(realm: Realm, now: Date): void {
  const accountIds = new Map<string, string>();
  for (const [name, type, subType] of ACCOUNTS) {
    const s = insertEntity(
      realm,
      'Account',
      {
        Name: name,
        FullyQualifiedName: name,
        AccountType: type,
        AccountSubType: subType,
        Classification: ACCOUNT_TYPES[type].classification,
        SubAccount: false,
        Active: true,
        CurrentBalance: 0,
        CurrentBalanceWithSubAccounts: 0,
        CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      },
      now,
    );
    accountIds.set(name, String(s.data.Id));
  }
  for (const [name, days] of TERMS) {
    insertEntity(realm, 'Term', { Name: name, Type: 'STANDARD', DueDays: days, Active: true }, now);
  }
  insertEntity(
    realm,
    'Item',
    {
      Name: 'Services',
      FullyQualifiedName: 'Services',
      Type: 'Service',
      Active: true,
      Taxable: false,
      UnitPrice: 0,
      SubItem: false,
      IncomeAccountRef: { value: accountIds.get('Services'), name: 'Services' },
    },
    now,
  );
  // A US company on automated sales tax has finished "Set up sales tax": its home state's agency,
  // rates and code exist before the first sale (more are added as sales reach other states).
  if (realm.settings.automatedSalesTax) astCode({ realm, now }, realm.settings.companyState);
}
