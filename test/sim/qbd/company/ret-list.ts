import { refNode, leaf } from './fields.js';
import { formatCents, formatFixed5 } from './money.js';
import type { CompanyStore } from './store.js';
import type { ListRecord } from './types.js';
import { el, type XNode } from './xml.js';

/** `*Ret` for a list element. Interpreted fields are rendered from state; the rest is echoed. */
export function listRet(store: CompanyStore, rec: ListRecord): XNode {
  const get = (id?: string) => (id ? store.lists.get(id) : undefined);
  const byName = (kind: 'SalesTaxCode', name?: string) => (name ? store.findByFullName([kind], name) : undefined);
  const head: XNode[] = [
    el('ListID', rec.listId), el('TimeCreated', rec.timeCreated), el('TimeModified', rec.timeModified),
    el('EditSequence', rec.editSequence), el('Name', rec.name),
  ];
  if (rec.kind !== 'StandardTerms' && rec.kind !== 'SalesTaxCode' && rec.kind !== 'ItemSalesTax' && rec.kind !== 'ItemSalesTaxGroup') {
    head.push(el('FullName', rec.fullName));
  }
  head.push(el('IsActive', String(rec.isActive)));
  const parent = [...refNode('ParentRef', get(rec.parentId))];
  const tree = rec.kind === 'Customer' || rec.kind === 'Account' || rec.kind.startsWith('Item') && rec.kind !== 'ItemSalesTax' && rec.kind !== 'ItemSalesTaxGroup'
    ? [...parent, el('Sublevel', String(rec.sublevel))]
    : [];
  const body: XNode[] = [];
  switch (rec.kind) {
    case 'Customer':
      body.push(...rec.extra, ...refNode('TermsRef', get(rec.termsId)));
      body.push(el('Balance', formatCents(store.customerBalance(rec.listId))));
      body.push(el('TotalBalance', formatCents(store.customerBalance(rec.listId, true))));
      body.push(...refNode('SalesTaxCodeRef', byName('SalesTaxCode', rec.salesTaxCode)));
      body.push(...refNode('ItemSalesTaxRef', get(rec.itemSalesTaxId)));
      break;
    case 'Account':
      body.push(el('AccountType', rec.accountType ?? ''), ...rec.extra);
      body.push(el('Balance', formatCents(store.accountBalance(rec.listId))));
      body.push(el('TotalBalance', formatCents(store.accountBalance(rec.listId))));
      break;
    case 'ItemService':
    case 'ItemNonInventory':
      body.push(...refNode('SalesTaxCodeRef', byName('SalesTaxCode', rec.salesTaxCode)));
      body.push(el('SalesOrPurchase', [
        ...leaf('Desc', rec.desc),
        ...leaf('Price', rec.priceUnits === undefined ? undefined : formatFixed5(rec.priceUnits)),
        ...refNode('AccountRef', get(rec.accountId)),
      ]));
      body.push(...rec.extra);
      break;
    case 'ItemInventory':
      body.push(...refNode('SalesTaxCodeRef', byName('SalesTaxCode', rec.salesTaxCode)));
      body.push(...leaf('SalesDesc', rec.desc));
      body.push(...leaf('SalesPrice', rec.priceUnits === undefined ? undefined : formatFixed5(rec.priceUnits)));
      body.push(...refNode('IncomeAccountRef', get(rec.accountId)), ...rec.extra);
      body.push(el('QuantityOnHand', formatFixed5(rec.quantityOnHandUnits ?? 0)));
      break;
    case 'ItemSalesTax':
      body.push(...rec.extra.filter((c) => c.name === 'ItemDesc'));
      body.push(el('TaxRate', formatFixed5(rec.taxRateUnits ?? 0)));
      body.push(...rec.extra.filter((c) => c.name !== 'ItemDesc'));
      break;
    case 'ItemSalesTaxGroup':
      body.push(...rec.extra);
      for (const id of rec.taxItemIds ?? []) body.push(...refNode('ItemSalesTaxRef', get(id)));
      break;
    case 'StandardTerms':
      body.push(...leaf('StdDueDays', rec.stdDueDays), ...rec.extra);
      break;
    case 'SalesTaxCode':
      body.push(el('IsTaxable', String(rec.isTaxable ?? false)), ...rec.extra);
      break;
  }
  return el(`${rec.kind}Ret`, [...head, ...tree, ...body]);
}
