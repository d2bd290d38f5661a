import type { CompanyStore } from './store.js';
import type { ListKind, ListRecord } from './types.js';

/** A new US company as QuickBooks creates it, plus the few lists a sales sync needs. */
export function seedCompany(store: CompanyStore): void {
  const add = (kind: ListKind, name: string, extra: Partial<ListRecord> = {}): ListRecord => {
    const now = store.ids.timestamp();
    const rec: ListRecord = {
      kind, listId: store.ids.listId(), timeCreated: now, timeModified: now, editSequence: store.ids.editSequence(),
      name, fullName: name, isActive: true, sublevel: 0, extra: [], ...extra,
    };
    store.lists.set(rec.listId, rec);
    return rec;
  };
  add('SalesTaxCode', 'Tax', { isTaxable: true });
  add('SalesTaxCode', 'Non', { isTaxable: false });
  add('Account', 'Checking', { accountType: 'Bank' });
  add('Account', 'Accounts Receivable', { accountType: 'AccountsReceivable' });
  add('Account', 'Undeposited Funds', { accountType: 'OtherCurrentAsset' });
  add('Account', 'Inventory Asset', { accountType: 'OtherCurrentAsset' });
  add('Account', 'Sales Tax Payable', { accountType: 'OtherCurrentLiability' });
  add('Account', 'Opening Balance Equity', { accountType: 'Equity' });
  add('Account', 'Sales', { accountType: 'Income' });
  add('Account', 'Cost of Goods Sold', { accountType: 'CostOfGoodsSold' });
  add('StandardTerms', 'Net 30', { stdDueDays: 30 });
  add('StandardTerms', 'Due on receipt', { stdDueDays: 0 });
}
