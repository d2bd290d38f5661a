import type { OpenDrift, ReconRecord } from '../db/recon';
import { recordKey } from '../queue';
import { formatCents } from '../ledger';
import type { QbdReconSnapshot } from '../qbd';
import type { Balances } from './balances';

/**
 * Edits and deletions made in QuickBooks Desktop, read off the snapshot (Desktop has no change feed
 * Sharper listens to): a transaction Sharper synced that QuickBooks lists as deleted, and an open
 * A/R item whose amount differs from what Sharper posted for the version QuickBooks was sent.
 * A fully paid transaction edited in QuickBooks is not in the aging report, so it is not seen here.
 */
export function qbdDrift(records: ReconRecord[], sharper: Balances, snapshot: QbdReconSnapshot): OpenDrift[] {
  const byTxnId = new Map(records.filter((r) => r.txnDate && r.qbId).map((r) => [r.qbId!, r]));
  const customerOf = new Map(records.filter((r) => r.kind === 'customer' && r.qbId).map((r) => [r.qbId!, r.sourceId]));
  const out: OpenDrift[] = [];
  const seen = new Set<string>();
  for (const d of snapshot.deleted) {
    const r = byTxnId.get(d.txnId);
    if (!r) continue;
    seen.add(recordKey(r.kind, r.sourceId));
    out.push({ id: 0, kind: r.kind, sourceId: r.sourceId, qbId: d.txnId, deleted: true, diff: '[]', message: `deleted in QuickBooks${d.timeDeleted ? ` at ${d.timeDeleted}` : ''}` });
  }
  for (const item of snapshot.openItems) {
    const r = byTxnId.get(item.txnId);
    const customer = customerOf.get(item.customerId);
    // QuickBooks holding an older version than Sharper's is "behind", not an edit made in QuickBooks.
    if (!r || !customer || seen.has(recordKey(r.kind, r.sourceId)) || r.syncedVersion === null || r.syncedVersion < r.version) continue;
    const posted = (sharper.contributions.get(`customer:${customer}`) ?? []).filter((c) => c.kind === r.kind && c.sourceId === r.sourceId).reduce((a, c) => a + c.cents, 0);
    if (posted === item.amountCents) continue;
    seen.add(recordKey(r.kind, r.sourceId));
    // compareBooks prices an edit as Sharper's amount less QuickBooks', both signed like Sharper's.
    const quickbooks = (Math.sign(posted) || 1) * item.amountCents;
    out.push({
      id: 0,
      kind: r.kind,
      sourceId: r.sourceId,
      qbId: item.txnId,
      deleted: false,
      diff: JSON.stringify([{ field: 'total', sharper: Math.abs(posted), quickbooks }]),
      message: `edited in QuickBooks: ${formatCents(item.amountCents)} there, ${formatCents(posted)} in Sharper`,
    });
  }
  return out;
}
