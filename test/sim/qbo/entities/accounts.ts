import { faults } from '../faults';
import type { Rec, StoredEntity } from '../types';
import { SUBTYPES_BY_TYPE, typeOfSubType } from './account-subtypes';
import { type OpContext, resolveRef, str } from './common';
import { assertUniqueName } from './names';

export type Classification = 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense';

export const ACCOUNT_TYPES: Record<string, { classification: Classification; defaultSubType: string }> = {
  Bank: { classification: 'Asset', defaultSubType: 'Checking' },
  'Accounts Receivable': { classification: 'Asset', defaultSubType: 'AccountsReceivable' },
  'Other Current Asset': { classification: 'Asset', defaultSubType: 'OtherCurrentAssets' },
  'Fixed Asset': { classification: 'Asset', defaultSubType: 'MachineryAndEquipment' },
  'Other Asset': { classification: 'Asset', defaultSubType: 'OtherLongTermAssets' },
  'Accounts Payable': { classification: 'Liability', defaultSubType: 'AccountsPayable' },
  'Credit Card': { classification: 'Liability', defaultSubType: 'CreditCard' },
  'Other Current Liability': { classification: 'Liability', defaultSubType: 'OtherCurrentLiabilities' },
  'Long Term Liability': { classification: 'Liability', defaultSubType: 'OtherLongTermLiabilities' },
  Equity: { classification: 'Equity', defaultSubType: 'OpeningBalanceEquity' },
  Income: { classification: 'Revenue', defaultSubType: 'ServiceFeeIncome' },
  'Other Income': { classification: 'Revenue', defaultSubType: 'OtherMiscellaneousIncome' },
  'Cost of Goods Sold': { classification: 'Expense', defaultSubType: 'SuppliesMaterialsCogs' },
  Expense: { classification: 'Expense', defaultSubType: 'OtherMiscellaneousServiceCost' },
  'Other Expense': { classification: 'Expense', defaultSubType: 'OtherMiscellaneousExpense' },
};

export function prepareAccount(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  const name = str(d.Name)?.trim();
  if (!name) throw faults.required('Name');
  if (/[":]/.test(name)) throw faults.invalidProperty('Account Name cannot contain double quotes or colons');
  if (name.length > 100) throw faults.stringLength('Name');
  assertUniqueName(ctx, ['Account'], 'Name', name, previous?.data.Id, 'account');
  d.Name = name;
  const subType = str(d.AccountSubType);
  const type = str(d.AccountType) ?? (subType ? typeOfSubType(subType) : undefined);
  if (!type) throw faults.required('AccountType');
  const info = ACCOUNT_TYPES[type];
  if (!info) throw faults.invalidEnum('AccountType', type);
  // The code for a subtype of another type is the simulator's guess (2170, as for any bad enum value).
  if (subType && !SUBTYPES_BY_TYPE[type].includes(subType)) throw faults.invalidEnum('AccountSubType', subType);
  d.AccountType = type;
  d.AccountSubType = subType ?? info.defaultSubType;
  d.Classification = info.classification;
  if (d.AcctNum !== undefined && String(d.AcctNum).length > 7) throw faults.stringLength('AcctNum');
  const parent = resolveRef(ctx, d, 'ParentRef', 'Account', false);
  d.SubAccount = Boolean(parent);
  d.FullyQualifiedName = parent ? `${String(parent.data.FullyQualifiedName)}:${name}` : name;
  d.Active = d.Active ?? true;
  d.CurrencyRef = d.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  d.CurrentBalance = previous?.data.CurrentBalance ?? 0;
  d.CurrentBalanceWithSubAccounts = previous?.data.CurrentBalanceWithSubAccounts ?? 0;
  return d;
}

const ITEM_TYPES = new Set(['Service', 'NonInventory', 'Inventory', 'Category', 'Group']);

export function prepareItem(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  const name = str(d.Name)?.trim();
  if (!name) throw faults.required('Name');
  if (name.length > 100) throw faults.stringLength('Name');
  if (name.includes(':')) throw faults.invalidProperty('Item Name cannot contain a colon');
  assertUniqueName(ctx, ['Item'], 'Name', name, previous?.data.Id, 'product or service');
  d.Name = name;
  d.Type = d.Type ?? 'NonInventory';
  if (!ITEM_TYPES.has(String(d.Type))) throw faults.invalidEnum('Type', d.Type);
  const needsIncome = d.Type === 'Service' || d.Type === 'NonInventory' || d.Type === 'Inventory';
  resolveRef(ctx, d, 'IncomeAccountRef', 'Account', needsIncome);
  resolveRef(ctx, d, 'ExpenseAccountRef', 'Account', d.Type === 'Inventory');
  resolveRef(ctx, d, 'AssetAccountRef', 'Account', d.Type === 'Inventory');
  if (d.Type === 'Inventory') {
    if (d.TrackQtyOnHand !== true) throw faults.required('TrackQtyOnHand');
    if (d.QtyOnHand === undefined) throw faults.required('QtyOnHand');
    if (d.InvStartDate === undefined) throw faults.required('InvStartDate');
  }
  const parent = resolveRef(ctx, d, 'ParentRef', 'Item', false);
  d.SubItem = Boolean(parent);
  d.FullyQualifiedName = parent ? `${String(parent.data.FullyQualifiedName)}:${name}` : name;
  d.UnitPrice = d.UnitPrice ?? 0;
  d.Taxable = d.Taxable ?? false;
  d.Active = d.Active ?? true;
  return d;
}
