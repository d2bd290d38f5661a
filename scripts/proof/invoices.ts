import type { QbdCompany } from '../../test/sim/qbd';
import { listEntities, type SimState } from '../../test/sim/qbo';
import type { MarinaYear } from '../../test/fixtures/marina-year';
import { finalTransactions } from './gl';

type Applied = { applications?: { invoice: string; amount: number }[] };
type Sales = { lines: { amount: number }[]; tax?: number };

/** What is still open on each invoice in Sharper: its total less the payments and credit memos applied to it. */
export function sharperOpenInvoices(year: MarinaYear): Map<string, number> {
  const { records } = finalTransactions(year);
  const open = new Map<string, number>();
  for (const r of records) {
    if (r.kind !== 'invoice') continue;
    const d = r.data as Sales;
    open.set(r.sourceId, d.lines.reduce((s, l) => s + l.amount, 0) + (d.tax ?? 0));
  }
  for (const r of records) {
    if (r.kind !== 'payment' && r.kind !== 'credit_memo') continue;
    for (const a of (r.data as Applied).applications ?? []) if (open.has(a.invoice)) open.set(a.invoice, open.get(a.invoice)! - a.amount);
  }
  return open;
}

/** Each live invoice's open balance in the simulated QBO company, by Sharper id (its PrivateNote marker). */
export function qboOpenInvoices(sim: SimState, realm: string): Map<string, number> {
  const open = new Map<string, number>();
  for (const inv of listEntities(sim, realm, 'Invoice')) {
    const id = /Sharper invoice (\S+)/.exec(String(inv.PrivateNote ?? ''))?.[1];
    if (id && !/^Voided/.test(String(inv.PrivateNote ?? ''))) open.set(id, Math.round(Number(inv.Balance) * 100));
  }
  return open;
}

/** Each live invoice's open balance in the simulated Desktop company file, by Sharper id (found by its RefNumber). */
export function qbdOpenInvoices(company: QbdCompany, year: MarinaYear): Map<string, number> {
  const idByDoc = new Map<string, string>();
  for (const r of finalTransactions(year).records) {
    const doc = (r.data as { docNumber?: string }).docNumber;
    if (r.kind === 'invoice' && doc) idByDoc.set(doc, r.sourceId);
  }
  const open = new Map<string, number>();
  for (const inv of company.txns('Invoice')) {
    const id = inv.refNumber ? idByDoc.get(inv.refNumber) : undefined;
    if (id && !inv.isVoided) open.set(id, inv.openCents);
  }
  return open;
}

/** Invoice by invoice: where payments and credit memos left each one open, Sharper against QuickBooks. */
export function compareOpenInvoices(sharper: Map<string, number>, qb: Map<string, number>) {
  const differing: string[] = [];
  for (const id of new Set([...sharper.keys(), ...qb.keys()])) {
    const a = sharper.get(id);
    const b = qb.get(id);
    if (a !== b) differing.push(`${id}: Sharper ${a === undefined ? '—' : (a / 100).toFixed(2)}, QuickBooks ${b === undefined ? '—' : (b / 100).toFixed(2)}`);
  }
  return { invoices: sharper.size, differing };
}
