import type { Handler, HandlerContext } from './context.js';
import { readBool, readCents, readFixed5, readInt, readPrice } from './fields.js';
import { listRet } from './ret-list.js';
import { statusErrors } from './status.js';
import { ITEM_KINDS, type ListKind, type ListRecord } from './types.js';
import { child, childrenNamed, type XNode } from './xml.js';

const OBJECT_LABEL: Partial<Record<ListKind, string>> = { Customer: 'Customer', Account: 'Account', StandardTerms: 'StandardTerms' };
const label = (k: ListKind) => OBJECT_LABEL[k] ?? 'Item';
const SALES_ITEMS: ListKind[] = ['ItemService', 'ItemNonInventory', 'ItemInventory'];

/** Elements interpreted into typed fields; everything else is echoed back as given. */
const INTERPRETED = new Set([
  'ListID', 'EditSequence', 'Name', 'IsActive', 'ParentRef', 'SalesTaxCodeRef', 'ItemSalesTaxRef', 'TermsRef',
  'OpenBalance', 'AccountType', 'TaxRate', 'StdDueDays', 'SalesOrPurchase', 'SalesAndPurchase',
  'SalesOrPurchaseMod', 'SalesAndPurchaseMod', 'SalesPrice', 'SalesDesc', 'IncomeAccountRef', 'QuantityOnHand',
]);

function applyFields(ctx: HandlerContext, rec: ListRecord, body: XNode, isAdd: boolean): void {
  const { store } = ctx;
  const what = label(rec.kind);
  const active = readBool(body, 'IsActive');
  if (active !== undefined) rec.isActive = active;
  const parentRef = child(body, 'ParentRef');
  if (parentRef) {
    const kinds = rec.kind === 'Customer' ? ['Customer' as const] : rec.kind === 'Account' ? ['Account' as const] : [...ITEM_KINDS];
    const parent = store.resolveRef(parentRef, kinds, what, what);
    rec.parentId = parent?.listId;
  }
  const stc = child(body, 'SalesTaxCodeRef');
  if (stc) rec.salesTaxCode = store.resolveRef(stc, ['SalesTaxCode'], 'SalesTaxCode', what)?.fullName;
  const ist = child(body, 'ItemSalesTaxRef');
  if (ist && rec.kind === 'Customer') rec.itemSalesTaxId = store.resolveRef(ist, ['ItemSalesTax', 'ItemSalesTaxGroup'], 'Item', what)?.listId;
  const terms = child(body, 'TermsRef');
  if (terms) rec.termsId = store.resolveRef(terms, ['StandardTerms'], 'Terms', what)?.listId;
  rec.openBalanceCents = readCents(body, 'OpenBalance') ?? rec.openBalanceCents;
  if (rec.kind === 'Account') rec.accountType = child(body, 'AccountType')?.text ?? rec.accountType;
  if (rec.kind === 'StandardTerms') rec.stdDueDays = readInt(body, 'StdDueDays') ?? rec.stdDueDays;
  if (rec.kind === 'ItemSalesTax') rec.taxRateUnits = readFixed5(body, 'TaxRate') ?? rec.taxRateUnits ?? 0;
  if (rec.kind === 'ItemSalesTaxGroup') {
    const refs = childrenNamed(body, 'ItemSalesTaxRef');
    if (refs.length > 0) rec.taxItemIds = refs.map((r) => store.resolveRef(r, ['ItemSalesTax'], 'Item', what)!.listId);
  }
  const sop = child(body, 'SalesOrPurchase') ?? child(body, 'SalesOrPurchaseMod');
  const sap = child(body, 'SalesAndPurchase') ?? child(body, 'SalesAndPurchaseMod');
  const pricing = sop ?? sap ?? (rec.kind === 'ItemInventory' ? body : undefined);
  if (pricing) {
    rec.priceUnits = readPrice(pricing, sop ? 'Price' : 'SalesPrice') ?? rec.priceUnits;
    rec.desc = child(pricing, sop ? 'Desc' : 'SalesDesc')?.text ?? rec.desc;
    const acctRef = child(pricing, sop ? 'AccountRef' : 'IncomeAccountRef');
    if (acctRef) rec.accountId = store.resolveRef(acctRef, ['Account'], 'Account', what)?.listId;
  }
  if (rec.kind === 'ItemInventory' && isAdd) rec.quantityOnHandUnits = readFixed5(body, 'QuantityOnHand') ?? 0;
  if (isAdd && SALES_ITEMS.includes(rec.kind) && !rec.accountId) {
    throw statusErrors.missingPostingAccount();
  }
  // Echo what the sim does not interpret; a Mod replaces same-named elements.
  const given = body.children.filter((c) => !INTERPRETED.has(c.name));
  const names = new Set(given.map((c) => c.name));
  rec.extra = [...rec.extra.filter((c) => !names.has(c.name)), ...given];
}

function fullNameOf(ctx: HandlerContext, name: string, parentId?: string): string {
  const parent = parentId ? ctx.store.lists.get(parentId) : undefined;
  return parent ? `${parent.fullName}:${name}` : name;
}

function sublevelOf(ctx: HandlerContext, parentId?: string): number {
  const parent = parentId ? ctx.store.lists.get(parentId) : undefined;
  return parent ? parent.sublevel + 1 : 0;
}

export function listAdd(kind: ListKind): Handler {
  return (ctx, rq) => {
    const body = child(rq, `${kind}Add`)!;
    const name = child(body, 'Name')!.text;
    const now = ctx.store.ids.timestamp();
    const rec: ListRecord = {
      kind, listId: '', timeCreated: now, timeModified: now, editSequence: '', name, fullName: name,
      isActive: true, sublevel: 0, extra: [],
    };
    applyFields(ctx, rec, body, true);
    rec.fullName = fullNameOf(ctx, name, rec.parentId);
    rec.sublevel = sublevelOf(ctx, rec.parentId);
    if (ctx.store.nameTaken(kind, rec.fullName)) throw statusErrors.nameInUse(name);
    rec.listId = ctx.store.ids.listId();
    rec.editSequence = ctx.store.ids.editSequence();
    ctx.store.lists.set(rec.listId, rec);
    return { rets: [listRet(ctx.store, rec)] };
  };
}

export function listMod(kind: ListKind): Handler {
  return (ctx, rq) => {
    const body = child(rq, `${kind}Mod`)!;
    const listId = child(body, 'ListID')!.text;
    const rec = ctx.store.lists.get(listId);
    if (!rec || rec.kind !== kind) throw statusErrors.notFound(listId);
    const seq = child(body, 'EditSequence')!.text;
    if (seq !== rec.editSequence) throw statusErrors.editSequence(seq);
    // Validate on a copy so a failing Mod leaves the record untouched.
    const draft: ListRecord = { ...rec, extra: [...rec.extra] };
    const name = child(body, 'Name')?.text;
    if (name !== undefined) draft.name = name;
    applyFields(ctx, draft, body, false);
    draft.fullName = fullNameOf(ctx, draft.name, draft.parentId);
    draft.sublevel = sublevelOf(ctx, draft.parentId);
    if (draft.fullName !== rec.fullName && ctx.store.nameTaken(kind, draft.fullName, listId)) {
      throw statusErrors.nameInUse(draft.name);
    }
    ctx.store.touch(draft);
    ctx.store.lists.set(listId, draft);
    return { rets: [listRet(ctx.store, draft)] };
  };
}
