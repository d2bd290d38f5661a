import { listEntities, type SimState } from '../../test/sim/qbo';
import { ledgerPostings } from '../../test/sim/qbo/reports/ledger';
import type { QbdCompany } from '../../test/sim/qbd';
import { DEMO_LISTS } from '../../test/fixtures/demo-company';
import type { MarinaYear } from '../../test/fixtures/marina-year';
import { recordKindSpecs } from '../../worker/ledger';
import { computeBalances, type PostedRecord } from '../../worker/recon';
import type { RecordKind } from '../../worker/db/schema/enums';


const ACCOUNT_NAMES = new Map(DEMO_LISTS.filter((o) => o.kind === 'account').map((o) => [o.id, (o.data as { name: string }).name]));
/** The accounts Sharper's records post to and both QuickBooks hold under the same name (tax accounts are QuickBooks' own). */
export const COMPARED_ACCOUNTS = ['A-1010', 'A-1200', 'A-2400', 'A-4000', 'A-4010', 'A-4100', 'A-4200', 'A-4300'];

/** The final version of every transaction QuickBooks should hold (money in cents), and each item's income account. */
export function finalTransactions(year: MarinaYear): { records: PostedRecord[]; incomeOf: Map<string, string> } {
  const latest = new Map<string, PostedRecord>();
  const incomeOf = new Map<string, string>();
  for (const m of year.months) {
    for (const op of [...m.operations, ...m.afterSync]) {
      const key = `${op.kind}:${op.id}`;
      if (op.kind === 'item') incomeOf.set(op.id, (op.data as { incomeAccount: string }).incomeAccount);
      if (op.op === 'void' || op.op === 'delete') latest.delete(key);
      else if (!year.expectedHeld.has(key) && (op.data as { date?: string })?.date) {
        latest.set(key, { kind: op.kind as RecordKind, sourceId: op.id, txnDate: (op.data as { date: string }).date, data: recordKindSpecs[op.kind as RecordKind].schema.parse(op.data) });
      }
    }
  }
  return { records: [...latest.values()], incomeOf };
}

/** Sharper's GL by account at year end, from the final version of every record QuickBooks should hold. */
export function sharperGl(year: MarinaYear): Map<string, number> {
  const { records, incomeOf } = finalTransactions(year);
  const b = computeBalances(records, '9999-12-31', {
    arAccount: 'A-1100',
    undepositedFundsAccount: 'A-1200',
    salesTaxPayableAccount: 'A-2200',
    defaultIncomeAccount: 'A-4000',
    incomeAccountOf: (item) => incomeOf.get(item),
  });
  return new Map(COMPARED_ACCOUNTS.map((id) => [ACCOUNT_NAMES.get(id)!, b.byAccount.get(id) ?? 0]));
}

/** The same accounts in the simulated QBO company (debit-positive cents, all dates). */
export function qboGl(sim: SimState, realm: string): Map<string, number> {
  const names = new Map(listEntities(sim, realm, 'Account', { includeDeleted: true }).map((a) => [String(a.Id), String(a.Name)]));
  const out = new Map<string, number>();
  for (const p of ledgerPostings(sim.realms.get(realm)!)) {
    const name = names.get(p.accountId) ?? `QBO account ${p.accountId}`;
    out.set(name, (out.get(name) ?? 0) + p.cents);
  }
  return out;
}

export function qbdGl(company: QbdCompany): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of COMPARED_ACCOUNTS) {
    const name = ACCOUNT_NAMES.get(id)!;
    // QuickBooks Desktop names a sub-account by its full name, "Parent:Child".
    const parent = (DEMO_LISTS.find((o) => o.id === id)?.data as { parent?: string } | undefined)?.parent;
    const fullName = parent ? `${ACCOUNT_NAMES.get(parent)}:${name}` : name;
    try {
      out.set(name, Math.round(Number(company.accountBalance(fullName)) * 100));
    } catch {
      out.set(name, 0);
    }
  }
  return out;
}

/** Per compared account: Sharper vs QuickBooks, and the accounts that differ. */
export function compareGl(sharper: Map<string, number>, qb: Map<string, number>, sign: (name: string) => number = () => 1) {
  const differing: string[] = [];
  for (const [name, cents] of sharper) {
    const theirs = (qb.get(name) ?? 0) * sign(name);
    if (theirs !== cents) differing.push(`${name}: Sharper ${(cents / 100).toFixed(2)}, QuickBooks ${(theirs / 100).toFixed(2)}`);
  }
  return { accounts: sharper.size, differing };
}
