import { fromCents, toCents } from './money';
import { listLive } from './store';
import { formatQboTime } from './time';
import type { Realm, Rec, StoredEntity } from './types';

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
export function applicationsByTarget(realm: Realm, excludePaymentId?: string): Map<string, Application[]> {
  const out = new Map<string, Application[]>();
  for (const p of listLive(realm, 'Payment')) {
    if (p.voided || p.data.Id === excludePaymentId) continue;
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
 * Re-derives Invoice.Balance/LinkedTxn, CreditMemo.RemainingCredit and Customer.Balance after
 * any write. Applying a payment changes the invoice in QBO (new SyncToken, visible to CDC), so a
 * client holding the invoice's old SyncToken gets 5010 on its next update; customers are not bumped.
 */
export function recomputeBalances(realm: Realm, now: Date): void {
  const apps = applicationsByTarget(realm);
  const owed = new Map<string, number>();
  const add = (customerId: unknown, cents: number) => {
    const id = String(customerId);
    owed.set(id, (owed.get(id) ?? 0) + cents);
  };
  for (const inv of listLive(realm, 'Invoice')) {
    const key = `Invoice:${String(inv.data.Id)}`;
    const balance = inv.voided ? 0 : toCents(inv.data.TotalAmt) - appliedCents(apps, key);
    const links = (apps.get(key) ?? []).map((a) => ({ TxnId: a.paymentId, TxnType: 'Payment' }));
    const unique = links.filter((l, i) => links.findIndex((o) => o.TxnId === l.TxnId) === i);
    setIfChanged(realm, inv, { Balance: fromCents(balance), LinkedTxn: unique }, true, now);
    add((inv.data.CustomerRef as Rec | undefined)?.value, balance);
  }
  for (const cm of listLive(realm, 'CreditMemo')) {
    const remaining = cm.voided ? 0 : toCents(cm.data.TotalAmt) - appliedCents(apps, `CreditMemo:${String(cm.data.Id)}`);
    setIfChanged(realm, cm, { RemainingCredit: fromCents(remaining), Balance: fromCents(remaining) }, true, now);
    add((cm.data.CustomerRef as Rec | undefined)?.value, -remaining);
  }
  for (const p of listLive(realm, 'Payment')) {
    if (!p.voided) add((p.data.CustomerRef as Rec | undefined)?.value, -toCents(p.data.UnappliedAmt));
  }
  const customers = listLive(realm, 'Customer');
  for (const c of customers) {
    const own = owed.get(String(c.data.Id)) ?? 0;
    const jobs = customers
      .filter((j) => (j.data.ParentRef as Rec | undefined)?.value === c.data.Id)
      .reduce((sum, j) => sum + (owed.get(String(j.data.Id)) ?? 0), 0);
    setIfChanged(realm, c, { Balance: fromCents(own), BalanceWithJobs: fromCents(own + jobs) }, false, now);
  }
}
