import { faults } from '../faults';
import { ENTITY_NAMES, type EntityName, type Rec, type StoredEntity } from '../types';
import type { OpContext } from './common';
import { prepareAccount, prepareItem } from './accounts';
import { prepareJournalEntry } from './journal';
import { preparePerson, prepareTaxAgency, prepareTerm } from './names';
import { preparePayment, voidedPayment } from './payment';
import { prepareSalesForm, voidedSalesForm } from './sales';

export interface EntityDef {
  name: EntityName;
  kind: 'name' | 'txn' | 'tax';
  /** Create and update through POST /{entity}. TaxCode/TaxRate are read-only there (use taxservice). */
  writable: boolean;
  deletable: boolean;
  /** `operation=void` and/or `operation=update&include=void`. */
  voidVia: readonly ('operation' | 'include')[];
  prepare(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec;
  voided?(data: Rec): Rec;
}

const readOnly = (name: EntityName) => () => {
  throw faults.unsupported(`Operation Create/Update is not supported for ${name}; use /taxservice/taxcode.`);
};

const defs: EntityDef[] = [
  { name: 'Customer', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: (c, d, p) => preparePerson(c, 'Customer', d, p) },
  { name: 'Vendor', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: (c, d, p) => preparePerson(c, 'Vendor', d, p) },
  { name: 'Employee', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: (c, d, p) => preparePerson(c, 'Employee', d, p) },
  { name: 'Item', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: prepareItem },
  { name: 'Account', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: prepareAccount },
  { name: 'Term', kind: 'name', writable: true, deletable: false, voidVia: [], prepare: prepareTerm },
  { name: 'TaxAgency', kind: 'tax', writable: true, deletable: false, voidVia: [], prepare: prepareTaxAgency },
  { name: 'TaxCode', kind: 'tax', writable: false, deletable: false, voidVia: [], prepare: readOnly('TaxCode') },
  { name: 'TaxRate', kind: 'tax', writable: false, deletable: false, voidVia: [], prepare: readOnly('TaxRate') },
  {
    name: 'Invoice',
    kind: 'txn',
    writable: true,
    deletable: true,
    voidVia: ['operation'],
    prepare: (c, d, p) => prepareSalesForm(c, 'Invoice', d, p),
    voided: voidedSalesForm,
  },
  {
    name: 'SalesReceipt',
    kind: 'txn',
    writable: true,
    deletable: true,
    voidVia: ['operation', 'include'],
    prepare: (c, d, p) => prepareSalesForm(c, 'SalesReceipt', d, p),
    voided: voidedSalesForm,
  },
  { name: 'CreditMemo', kind: 'txn', writable: true, deletable: true, voidVia: [], prepare: (c, d, p) => prepareSalesForm(c, 'CreditMemo', d, p) },
  {
    name: 'RefundReceipt',
    kind: 'txn',
    writable: true,
    deletable: true,
    voidVia: [],
    prepare: (c, d, p) => prepareSalesForm(c, 'RefundReceipt', d, p),
  },
  {
    name: 'Payment',
    kind: 'txn',
    writable: true,
    deletable: true,
    voidVia: ['operation', 'include'],
    prepare: preparePayment,
    voided: voidedPayment,
  },
  { name: 'JournalEntry', kind: 'txn', writable: true, deletable: true, voidVia: [], prepare: prepareJournalEntry },
];

export const ENTITY_DEFS = new Map<EntityName, EntityDef>(defs.map((d) => [d.name, d]));

export function entityDef(name: EntityName): EntityDef {
  const def = ENTITY_DEFS.get(name);
  if (!def) throw new Error(`no entity definition for ${name}`);
  return def;
}

/** URL segments and query FROM names are case-insensitive (`/journalentry`, `from Customer`). */
export function entityFromName(raw: string): EntityName | undefined {
  const lower = raw.toLowerCase();
  return ENTITY_NAMES.find((n) => n.toLowerCase() === lower);
}
