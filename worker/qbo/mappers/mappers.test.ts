import { describe, expect, it } from 'vitest';
import { accountSubtypesByType, accountTypes } from '../../ledger';
import type { ClaimedJob } from '../../queue';
import { PRIVATE_NOTE_MAX, RefResolver, sharperNote } from './common';
import { planWrite } from './index';
import { DEFAULT_ACCOUNT_SUBTYPES, mapAccount, mapTerms } from './lists';

const QB: Record<string, string> = { 'customer:C-1': '58', 'item:P-SLIP40': '7', 'terms:T-NET30': '3', 'sales_tax_item:TX-FL': '2', 'account:A-1200': '33', 'invoice:INV-1': '130' };
const lookup = (kind: string, id: string) => QB[`${kind}:${id}`];

function job(kind: ClaimedJob['kind'], data: unknown, over: Partial<ClaimedJob> = {}): ClaimedJob {
  return { id: 1, claimToken: 't', jobType: 'Invoiceimport', kind, sourceId: 'INV-1', version: 1, action: 'upsert', attempt: 1, inDoubt: false, docNumber: null, data, existing: null, ...over };
}

const invoice = {
  customer: 'C-1',
  date: '2026-03-01',
  docNumber: '1042',
  terms: 'T-NET30',
  taxItem: 'TX-FL',
  lines: [
    { item: 'P-SLIP40', description: 'Slip B-12', quantity: '1', rate: '580.65', amount: 58065, taxable: true, servicePeriod: { start: '2026-03-17', end: '2026-03-31' } },
    { item: 'P-SLIP40', description: 'Electric', quantity: '3', rate: '0.30', amount: 100, taxable: false },
  ],
  tax: 4065,
};

describe('planWrite', () => {
  it('maps an invoice to a batchable create: cents to 2-decimal numbers, Qty×UnitPrice only when exact, Sharper tax as TotalTax', () => {
    const plan = planWrite(job('invoice', invoice), lookup, {});
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value).toMatchObject({ entity: 'Invoice', operation: 'create', batchable: true });
    const body = plan.value.body as any;
    expect(body).toMatchObject({ CustomerRef: { value: '58' }, DocNumber: '1042', TxnDate: '2026-03-01', SalesTermRef: { value: '3' }, TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 40.65 } });
    expect(body.Line[0]).toEqual({
      DetailType: 'SalesItemLineDetail',
      Amount: 580.65,
      Description: 'Slip B-12',
      SalesItemLineDetail: { ItemRef: { value: '7' }, Qty: 1, UnitPrice: 580.65, TaxCodeRef: { value: 'TAX' }, ServiceDate: '2026-03-17' },
    });
    expect(body.Line[1].SalesItemLineDetail).toEqual({ ItemRef: { value: '7' }, TaxCodeRef: { value: 'NON' } });
    expect(body.PrivateNote).toBe('Sharper invoice INV-1');
  });

  it('names every reference that is not in QuickBooks yet', () => {
    const plan = planWrite(job('invoice', { ...invoice, customer: 'C-9', lines: [{ ...invoice.lines[0], item: 'P-NEW' }] }), lookup, {});
    expect(plan).toEqual({ ok: false, error: { reason: 'missing_refs', refs: [{ kind: 'customer', id: 'C-9', field: 'customer' }, { kind: 'item', id: 'P-NEW', field: 'lines[0].item' }] } });
  });

  it('updates a synced record in full with its stored SyncToken, so what Sharper removed is cleared in QuickBooks', () => {
    const upd = planWrite(job('invoice', invoice, { existing: { qbId: '130', qbLock: '4' } }), lookup, {});
    expect(upd.ok && upd.value).toMatchObject({ operation: 'update', body: { Id: '130', SyncToken: '4' } });
    expect(upd.ok && upd.value.body).not.toHaveProperty('sparse');
    expect(upd.ok && upd.value.body).not.toHaveProperty('DueDate');
    const je = { date: '2026-03-31', docNumber: 'JE-1', lines: [{ account: 'A-1200', debit: 500 }, { account: 'A-1200', credit: 500 }] };
    const jePlan = planWrite(job('journal_entry', je, { sourceId: 'JE-1', existing: { qbId: '9', qbLock: '0' } }), lookup, {});
    expect(jePlan.ok && jePlan.value.body).not.toHaveProperty('sparse');
    expect(jePlan.ok && (jePlan.value.body as any).Line.map((l: any) => [l.JournalEntryLineDetail.PostingType, l.Amount])).toEqual([['Debit', 5], ['Credit', 5]]);
  });

  it('updates an item sparsely (a full update would clear its stock), clearing a removed description and never resending stock fields', () => {
    const item = { name: 'Fuel', type: 'inventory', price: 500, incomeAccount: 'A-4000', cogsAccount: 'A-4000', assetAccount: 'A-4000', taxable: true, active: true };
    const upd = planWrite(job('item', item, { sourceId: 'P-FUEL', existing: { qbId: '31', qbLock: '2' } }), (k: string, id: string) => (k === 'account' ? '7' : lookup(k as any, id)), {});
    expect(upd.ok && upd.value.body).toMatchObject({ Id: '31', SyncToken: '2', sparse: true, Description: '', Name: 'Fuel', TrackQtyOnHand: true });
    expect(upd.ok && upd.value.body).not.toHaveProperty('QtyOnHand');
    expect(upd.ok && upd.value.body).not.toHaveProperty('InvStartDate');
  });

  it('sends Sharper\'s tax as TotalTax on every sales document, 0 included; with automated sales tax without any tax code', () => {
    const untaxed = { ...invoice, tax: 0, taxItem: 'TX-1' };
    const manual = planWrite(job('invoice', untaxed), (k: string, id: string) => (k === 'sales_tax_item' ? '12' : lookup(k as any, id)), { taxMode: 'manual' });
    expect(manual.ok && manual.value.body.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: '12' }, TotalTax: 0 });
    const ast = planWrite(job('invoice', { ...invoice, tax: 650, taxItem: 'TX-1' }), lookup, { taxMode: 'automated' });
    expect(ast.ok && ast.value.body.TxnTaxDetail).toEqual({ TotalTax: 6.5 });
    expect(planWrite(job('invoice', { ...invoice, tax: 0 }), lookup, { taxMode: 'automated' })).toMatchObject({ ok: true, value: { body: { TxnTaxDetail: { TotalTax: 0 } } } });
  });

  it('maps a sales-tax item to an agency under automated sales tax (never a TaxService create)', () => {
    expect(planWrite(job('sales_tax_item', { name: 'FL 7%', rate: '7', agency: 'FL DOR' }), lookup, { taxMode: 'automated' })).toMatchObject({ ok: true, value: { operation: 'taxmap', batchable: false } });
    expect(planWrite(job('sales_tax_item', { name: 'FL 7%', rate: '7', agency: 'FL DOR' }, { existing: { qbId: '2', qbLock: '0' } }), lookup, { taxMode: 'automated' })).toMatchObject({ ok: true, value: { operation: 'taxmap' } });
    expect(planWrite(job('sales_tax_item', { name: 'FL 7%', rate: '7', agency: 'FL DOR' }), lookup, { taxMode: 'manual' })).toMatchObject({ ok: true, value: { operation: 'taxcode' } });
  });

  it('voids an invoice as a single call, deactivates a list record, deletes a transaction in a batch', () => {
    expect(planWrite(job('invoice', invoice, { action: 'void', existing: { qbId: '130', qbLock: '2' } }), lookup, {})).toEqual({ ok: true, value: { entity: 'Invoice', operation: 'void', body: { Id: '130', SyncToken: '2' }, batchable: false } });
    expect(planWrite(job('customer', {}, { action: 'delete', existing: { qbId: '58', qbLock: '1' } }), lookup, {})).toEqual({ ok: true, value: { entity: 'Customer', operation: 'update', body: { Id: '58', SyncToken: '1', sparse: true, Active: false }, batchable: true } });
    expect(planWrite(job('payment', {}, { action: 'delete', existing: { qbId: '77', qbLock: null } }), lookup, {})).toMatchObject({ ok: true, value: { operation: 'delete', body: { Id: '77', SyncToken: '0' } } });
  });

  it('refuses what QBO cannot do, saying why', () => {
    expect(planWrite(job('credit_memo', {}, { action: 'void', existing: { qbId: '5', qbLock: '0' } }), lookup, {})).toMatchObject({ ok: false, error: { reason: 'unsupported', code: 'VOID_NOT_SUPPORTED' } });
    expect(planWrite(job('sales_tax_item', { name: 'FL 7%' }, { existing: { qbId: '2', qbLock: '0' } }), lookup, {})).toMatchObject({ ok: false, error: { code: 'TAX_CODE_READ_ONLY' } });
    expect(planWrite(job('invoice', invoice, { action: 'delete' }), lookup, {})).toMatchObject({ ok: false, error: { code: 'NOT_IN_QUICKBOOKS' } });
  });
});

describe('mapAccount', () => {
  const refs = () => new RefResolver(lookup);

  it('sends the subtype Sharper named, and a default of the same type when it named none', () => {
    expect(mapAccount({ name: 'Slip rent', type: 'income', subType: 'ServiceFeeIncome', active: true }, refs())).toMatchObject({ AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' });
    expect(mapAccount({ name: 'Operating', type: 'bank', active: true }, refs())).toMatchObject({ AccountType: 'Bank', AccountSubType: 'Checking' });
  });

  it('has a default for every type, each one the ledger allows for that type', () => {
    for (const type of accountTypes) {
      expect(accountSubtypesByType[type]).toContain(DEFAULT_ACCOUNT_SUBTYPES[type]);
      expect(mapAccount({ name: 'A', type, active: true }, refs()).AccountSubType).toBe(DEFAULT_ACCOUNT_SUBTYPES[type]);
    }
  });

  it('never sends a subtype of another type, even from a version stored before subtypes were checked', () => {
    expect(mapAccount({ name: 'Old', type: 'bank', subType: 'SalesOfProductIncome', active: true }, refs()).AccountSubType).toBe('Checking');
    expect(mapAccount({ name: 'Old', type: 'other_current_asset', subType: 'undeposited funds', active: true }, refs()).AccountSubType).toBe('UndepositedFunds');
  });
});

describe('mapTerms', () => {
  it('leaves out Type, which QBO derives and will not take', () => {
    const body = mapTerms({ name: 'Net 30', netDays: 30, discountPercent: '2', discountDays: 10, active: true });
    expect(body).toEqual({ Name: 'Net 30', DueDays: 30, DiscountPercent: 2, DiscountDays: 10, Active: true });
    expect(body).not.toHaveProperty('Type');
  });
});

describe('sharperNote', () => {
  const marker = 'Sharper invoice INV-1';
  // The memo lengths that make the whole note 3,999, 4,000 and 4,001 characters.
  const memoFor = (noteLength: number) => 'm'.repeat(noteLength - marker.length - 1);

  it('keeps memo and marker whole up to 4,000 characters', () => {
    for (const length of [3999, 4000]) {
      const note = sharperNote('invoice', 'INV-1', memoFor(length));
      expect(note).toHaveLength(length);
      expect(note).toBe(`${memoFor(length)}\n${marker}`);
    }
  });

  it('cuts the memo, never the marker, past 4,000, and shows the cut', () => {
    for (const memo of [memoFor(4001), 'x'.repeat(100_000)]) {
      const note = sharperNote('invoice', 'INV-1', memo);
      expect(note).toHaveLength(PRIVATE_NOTE_MAX);
      expect(note.endsWith(`…\n${marker}`)).toBe(true);
      expect(memo.startsWith(note.slice(0, -`…\n${marker}`.length))).toBe(true);
    }
  });

  it('does not split a character made of two UTF-16 units at the cut', () => {
    const note = sharperNote('invoice', 'INV-1', '⚓'.repeat(10) + '🚤'.repeat(3000));
    expect(note.length).toBeLessThanOrEqual(PRIVATE_NOTE_MAX);
    expect(note).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(note.endsWith(`🚤…\n${marker}`)).toBe(true);
  });

  it('is just the marker without a memo', () => {
    expect(sharperNote('payment', 'PAY-1')).toBe('Sharper payment PAY-1');
    expect(sharperNote('payment', 'PAY-1', '')).toBe('Sharper payment PAY-1');
  });
});
