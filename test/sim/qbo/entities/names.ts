import { faults } from '../faults';
import { listLive } from '../store';
import type { EntityName, Rec, StoredEntity } from '../types';
import { type OpContext, resolveRef, str } from './common';

/** DisplayName is unique across these three lists (6240). */
const NAME_LISTS: readonly EntityName[] = ['Customer', 'Vendor', 'Employee'];
const DELETED_SUFFIX = ' (deleted)';

/** Case-insensitive, like QBO's name lists. */
export function assertUniqueName(
  ctx: OpContext,
  lists: readonly EntityName[],
  field: string,
  value: string,
  selfId: unknown,
  who?: string,
): void {
  const wanted = value.toLowerCase();
  for (const list of lists) {
    for (const s of listLive(ctx.realm, list)) {
      if (s.data.Id === selfId) continue;
      if (String(s.data[field] ?? '').toLowerCase() === wanted) throw faults.duplicateName(value, who);
    }
  }
}

function rejectBadChars(field: string, value: string): void {
  if (/[:\t\n]/.test(value)) throw faults.invalidProperty(`Invalid character in ${field}: colon, tab and newline are not allowed`);
}

function composedName(d: Rec): string | undefined {
  const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'].map((k) => str(d[k])?.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * Customer, Vendor, Employee. QBO renames a deactivated name to "X (deleted)" so the original name
 * can be reused; reactivating restores it.
 */
export function preparePerson(ctx: OpContext, entity: EntityName, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  let name = str(d.DisplayName)?.trim() || composedName(d);
  if (!name) throw faults.required('DisplayName');
  rejectBadChars('DisplayName', name);
  d.Active = d.Active ?? true;
  if (d.Active === false && !name.endsWith(DELETED_SUFFIX)) name += DELETED_SUFFIX;
  if (d.Active === true && name.endsWith(DELETED_SUFFIX)) name = name.slice(0, -DELETED_SUFFIX.length);
  d.DisplayName = name;
  assertUniqueName(ctx, NAME_LISTS, 'DisplayName', name, previous?.data.Id);
  d.PrintOnCheckName = d.PrintOnCheckName ?? name;
  d.CurrencyRef = d.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  if (entity !== 'Customer') return d;

  d.FullyQualifiedName = name;
  d.Job = d.Job ?? false;
  d.BillWithParent = d.BillWithParent ?? false;
  d.Taxable = d.Taxable ?? true;
  d.PreferredDeliveryMethod = d.PreferredDeliveryMethod ?? 'Print';
  const parent = resolveRef(ctx, d, 'ParentRef', 'Customer', false);
  if (parent) {
    d.Job = true;
    d.FullyQualifiedName = `${String(parent.data.FullyQualifiedName)}:${name}`;
    d.Level = Number(parent.data.Level ?? 0) + 1;
  }
  resolveRef(ctx, d, 'SalesTermRef', 'Term', false);
  d.Balance = previous?.data.Balance ?? 0;
  d.BalanceWithJobs = previous?.data.BalanceWithJobs ?? 0;
  return d;
}

export function prepareTaxAgency(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  const name = str(d.DisplayName)?.trim();
  if (!name) throw faults.required('DisplayName');
  assertUniqueName(ctx, ['TaxAgency'], 'DisplayName', name, previous?.data.Id, 'tax agency');
  d.DisplayName = name;
  d.TaxTrackedOnSales = d.TaxTrackedOnSales ?? true;
  d.TaxTrackedOnPurchases = d.TaxTrackedOnPurchases ?? false;
  return d;
}

export function prepareTerm(ctx: OpContext, draft: Rec, previous: StoredEntity | undefined): Rec {
  const d: Rec = { ...draft };
  const name = str(d.Name)?.trim();
  if (!name) throw faults.required('Name');
  assertUniqueName(ctx, ['Term'], 'Name', name, previous?.data.Id, 'term');
  d.Name = name;
  // Type is "InputType: ALL: ReadOnly" and derived: "If dueDays is not null, the Type is Standard
  // else DateDriven" (Term.Type in the Java SDK's Finance.xsd). A sent Type is ignored, like other
  // read-only fields, never refused.
  d.Type = d.DueDays === undefined && d.DayOfMonthDue !== undefined ? 'DATE_DRIVEN' : 'STANDARD';
  if (d.Type === 'STANDARD') d.DueDays = d.DueDays ?? 0;
  d.Active = d.Active ?? true;
  return d;
}
