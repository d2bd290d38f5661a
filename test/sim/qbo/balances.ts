import { fromCents, toCents } from './money';
import { listLive } from './store';
import { formatQboTime } from './time';
import type { EntityName, Realm, Rec, StoredEntity } from './types';

/** One slice of a payment applied to an invoice or credit memo. */
export interface Application {
  paymentId: string;
  txnDate: string;
  cents: number;
}

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applications per target, keyed `Invoice:130` / `CreditMemo:45`, from live, non-voided payments. */
export function applicationsByTarget(realm: Realm, excludePaymentId?: string, customers?: ReadonlySet<string>): Map<string, Application[]> {
  const out = new Map<string, Application[]>();
  for (const p of realm.entities.get('Payment')?.values() ?? []) {
    if (p.deleted || p.voided || p.data.Id === excludePaymentId) continue;
    if (customers && !customers.has(String((p.data.CustomerRef as Rec | undefined)?.value))) continue;
    for (const line of Array.isArray(p.data.Line) ? p.data.Line : []) {
      if (!isRec(line)) continue;
      for (const link of Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) {
        if (!isRec(link)) continue;
        const key = `${String(link.TxnType)}:${String(link.TxnId)}`;
        const list = out.get(key) ?? [];
        list.push({ paymentId: String(p.data.Id), txnDate: String(p.data.TxnDate), cents: toCents(line.Amount) });
        out.set(key, list);
      }
    }
  }
  return out;
}

export function arAccountIds(realm: Realm): Set<string> {
  return new Set(
    listLive(realm, 'Account')
      .filter((a) => a.data.AccountType === 'Accounts Receivable')
      .map((a) => String(a.data.Id)),
  );
}

/**
 * A JournalEntry's net A/R amount per customer (debits positive). A positive net is an open
 * charge that a Payment line can settle by linking `TxnType: 'JournalEntry'`, as in the QBO UI.
 */
export function journalArByCustomer(je: Rec, arAccounts: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of Array.isArray(je.Line) ? je.Line : []) {
    if (!isRec(line) || !isRec(line.JournalEntryLineDetail)) continue;
    const detail = line.JournalEntryLineDetail;
    if (!arAccounts.has(String((detail.AccountRef as Rec | undefined)?.value))) continue;
    const entity = isRec(detail.Entity) ? (detail.Entity.EntityRef as Rec | undefined) : undefined;
    const id = String(entity?.value);
    out.set(id, (out.get(id) ?? 0) + (detail.PostingType === 'Debit' ? 1 : -1) * toCents(line.Amount));
  }
  return out;
}

export function appliedCents(apps: Map<string, Application[]>, key: string, asOf?: string): number {
  return (apps.get(key) ?? []).filter((a) => asOf === undefined || a.txnDate <= asOf).reduce((sum, a) => sum + a.cents, 0);
}

function setIfChanged(realm: Realm, s: StoredEntity, fields: Rec, bump: boolean, now: Date): void {
  const changed = Object.entries(fields).some(([k, v]) => JSON.stringify(s.data[k]) !== JSON.stringify(v));
  if (!changed) return;
  Object.assign(s.data, fields);
  if (!bump) return;
  s.data.SyncToken = String(Number(s.data.SyncToken ?? '0') + 1);
  s.data.MetaData = { ...(s.data.MetaData as Rec), LastUpdatedTime: formatQboTime(now, realm.settings.utcOffsetMinutes) };
  s.updatedAtMs = now.getTime();
}

/**
 * Re-derives Invoice.Balance/LinkedTxn, CreditMemo.RemainingCredit and Customer.Balance (open
 * invoices, minus credits and unapplied payments, plus A/R journal lines less payments applied to them) after
 * any write. Applying a payment changes the invoice in QBO (new SyncToken, visible to CDC), so a
 * client holding the invoice's old SyncToken gets 5010 on its next update; customers are not bumped.
 */
/** Live entities without copying the table (this runs on every transaction write). */
function* live(realm: Realm, name: EntityName): Generator<StoredEntity> {
  for (const s of realm.entities.get(name)?.values() ?? []) if (!s.deleted) yield s;
}

/** Customers whose balances a transaction touches: CustomerRef, A/R journal line names, and their parents. */
export function customersTouched(realm: Realm, bodies: readonly (Rec | undefined)[]): Set<string> {
  const ids = new Set<string>();
  for (const body of bodies) {
    if (!body) continue;
    const direct = (body.CustomerRef as Rec | undefined)?.value;
    if (direct !== undefined) ids.add(String(direct));
    for (const line of Array.isArray(body.Line) ? body.Line : []) {
      const detail = isRec(line) && isRec(line.JournalEntryLineDetail) ? line.JournalEntryLineDetail : undefined;
      const ref = detail && isRec(detail.Entity) ? (detail.Entity.EntityRef as Rec | undefined) : undefined;
      if (ref?.value !== undefined) ids.add(String(ref.value));
    }
  }
  for (const id of [...ids]) {
    const parent = realm.entities.get('Customer')?.get(id)?.data.ParentRef as Rec | undefined;
    if (parent?.value !== undefined) ids.add(String(parent.value));
  }
  return ids;
}

export function recomputeBalances(realm: Realm, now: Date, only?: ReadonlySet<string>): void {
  const apps = applicationsByTarget(realm, undefined, only);
  const inScope = (customerId: unknown) => only === undefined || only.has(String(customerId));
  const owed = new Map<string, number>();
  const add = (customerId: unknown, cents: number) => {
    const id = String(customerId);
    owed.set(id, (owed.get(id) ?? 0) + cents);
  };
  for (const inv of live(realm, 'Invoice')) {
    if (!inScope((inv.data.CustomerRef as Rec | undefined)?.value)) continue;
    const key = `Invoice:${String(inv.data.Id)}`;
    const balance = inv.voided ? 0 : toCents(inv.data.TotalAmt) - appliedCents(apps, key);
    const links = (apps.get(key) ?? []).map((a) => ({ TxnId: a.paymentId, TxnType: 'Payment' }));
    const unique = links.filter((l, i) => links.findIndex((o) => o.TxnId === l.TxnId) === i);
    setIfChanged(realm, inv, { Balance: fromCents(balance), LinkedTxn: unique }, true, now);
    add((inv.data.CustomerRef as Rec | undefined)?.value, balance);
  }
  for (const cm of live(realm, 'CreditMemo')) {
    if (!inScope((cm.data.CustomerRef as Rec | undefined)?.value)) continue;
    const remaining = cm.voided ? 0 : toCents(cm.data.TotalAmt) - appliedCents(apps, `CreditMemo:${String(cm.data.Id)}`);
    setIfChanged(realm, cm, { RemainingCredit: fromCents(remaining), Balance: fromCents(remaining) }, true, now);
    add((cm.data.CustomerRef as Rec | undefined)?.value, -remaining);
  }
  for (const p of live(realm, 'Payment')) {
    const customerId = (p.data.CustomerRef as Rec | undefined)?.value;
    if (!p.voided && inScope(customerId)) add(customerId, -toCents(p.data.UnappliedAmt));
  }
  const arAccounts = arAccountIds(realm);
  for (const je of live(realm, 'JournalEntry')) {
    for (const [customerId, cents] of journalArByCustomer(je.data, arAccounts)) add(customerId, cents);
    // Payment slices applied to the JE's charge are not in the payment's UnappliedAmt.
    for (const a of apps.get(`JournalEntry:${String(je.data.Id)}`) ?? []) {
      const payer = (realm.entities.get('Payment')?.get(a.paymentId)?.data.CustomerRef as Rec | undefined)?.value;
      add(payer, -a.cents);
    }
  }
  // One level of jobs, like the parent's BalanceWithJobs in QBO's customer list.
  const customers = listLive(realm, 'Customer');
  const jobs = new Map<string, number>();
  for (const c of customers) {
    const parent = (c.data.ParentRef as Rec | undefined)?.value;
    if (parent !== undefined) jobs.set(String(parent), (jobs.get(String(parent)) ?? 0) + (owed.get(String(c.data.Id)) ?? 0));
  }
  for (const c of customers) {
    const id = String(c.data.Id);
    if (!inScope(id)) continue;
    const own = owed.get(id) ?? 0;
    setIfChanged(realm, c, { Balance: fromCents(own), BalanceWithJobs: fromCents(own + (jobs.get(id) ?? 0)) }, false, now);
  }
}
