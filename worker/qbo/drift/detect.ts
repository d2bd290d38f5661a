import type { CompanySettings } from '../../companies';
import type { Db } from '../../db/client';
import { findMappedByQbIds, insertDrift, latestDriftByRecord, refreshQbLocks, type DriftInsert, type MappedByQbId } from '../../db/qbo-drift';
import { findSyncedVersions } from '../../db/record-versions';
import type { RecordKind } from '../../db/schema/enums';
import { recordKindSpecs } from '../../ledger';
import { lookupQuickBooksIds, recordKey } from '../../queue';
import { entityBody, qboEntityOf, RefResolver } from '../mappers';
import { findRefundLinksOfPayments } from '../../db/qbo-refund-links';
import { detectApplicationDrift } from './applications';
import { detectRefundLinkDrift } from './refund-links';
import { diffEntity } from './compare';
import { KINDS_OF, type ObservedChange } from './observed';

export interface DriftCounts {
  /** Entities QBO reported changed (one change per entity; overlapping pages counted once). */
  seen: number;
  /** Changes to records Sharper does not own (not in the id map). */
  notOurs: number;
  /** Changes the Worker itself made (the SyncToken it stored). */
  own: number;
  /** Changed in QBO but still equal to Sharper's version (e.g. a payment applied to an invoice). */
  unchanged: number;
  /** New drift entries. */
  drift: number;
}


/**
 * Turns changes QBO reported into drift entries: each change to a record in the id map that the
 * Worker did not make and that differs from the version Sharper last sent, with a field-level diff.
 */
export async function detectDrift(ctx: { db: Db; companyId: string; settings: CompanySettings; now: Date }, changes: ObservedChange[]): Promise<DriftCounts> {
  const counts: DriftCounts = { seen: changes.length, notOurs: 0, own: 0, unchanged: 0, drift: 0 };
  const latestByEntity = new Map<string, ObservedChange>();
  for (const c of changes) if (KINDS_OF[c.entity]) latestByEntity.set(`${c.entity}:${c.qbId}`, c);
  const owned = [...latestByEntity.values()];
  counts.seen = latestByEntity.size + changes.filter((c) => !KINDS_OF[c.entity]).length;
  counts.notOurs = changes.filter((c) => !KINDS_OF[c.entity]).length;
  const mapped = await findMappedByQbIds(ctx.db, ctx.companyId, owned.flatMap((c) => KINDS_OF[c.entity].map((kind) => [kind, c.qbId] as [RecordKind, string])));
  const byQb = new Map(mapped.map((m) => [`${qboEntityOf[m.kind]}:${m.qbId}`, m]));
  const unmapped = owned.filter((c) => !byQb.has(`${c.entity}:${c.qbId}`));
  const applications = await detectApplicationDrift(ctx, unmapped.filter((c) => c.entity === 'Payment'));
  const refundLinks = await detectRefundLinkDrift(ctx, unmapped.filter((c) => c.entity === 'Payment' && !applications.matched.has(`Payment:${c.qbId}`)));
  counts.own += applications.own + refundLinks.own;
  counts.unchanged += applications.unchanged + refundLinks.unchanged;
  const candidates = owned.flatMap((c) => {
    const m = byQb.get(`${c.entity}:${c.qbId}`);
    if (!m) {
      if (!applications.matched.has(`${c.entity}:${c.qbId}`) && !refundLinks.matched.has(`${c.entity}:${c.qbId}`)) counts.notOurs += 1;
      return [];
    }
    if (!c.deleted && c.syncToken !== null && c.syncToken === m.qbLock) {
      counts.own += 1;
      return [];
    }
    return [{ change: c, mapped: m }];
  });
  const inserts = candidates.length ? await recordDrift(ctx, candidates, counts) : [];
  counts.drift = await insertDrift(ctx.db, await newEntries(ctx, [...inserts, ...applications.inserts, ...refundLinks.inserts]));
  return counts;
}

/** Diffs each candidate against the version Sharper last sent; differences become entries, sameness refreshes the token. */
async function recordDrift(
  ctx: { db: Db; companyId: string; settings: CompanySettings; now: Date },
  candidates: { change: ObservedChange; mapped: MappedByQbId }[],
  counts: DriftCounts,
): Promise<DriftInsert[]> {
  const versions = await findSyncedVersions(ctx.db, ctx.companyId, candidates.map((x) => [x.mapped.kind, x.mapped.sourceId, x.mapped.syncedVersion]));
  const versionOf = new Map(versions.map((v) => [recordKey(v.kind, v.sourceId), v]));
  const refs = versions.flatMap((v) => (v.status === 'active' ? recordKindSpecs[v.kind].references(JSON.parse(v.data)) : []));
  if (ctx.settings.undepositedFundsAccount) refs.push({ kind: 'account', id: ctx.settings.undepositedFundsAccount, field: 'settings' });
  if (ctx.settings.serviceFeeItem) refs.push({ kind: 'item', id: ctx.settings.serviceFeeItem, field: 'settings' });
  const qbIds = await lookupQuickBooksIds({ ctx: { db: ctx.db }, companyId: ctx.companyId, target: 'qbo', records: refs.map((r) => ({ kind: r.kind, id: r.id })) });
  const lookup = (kind: RecordKind, id: string) => qbIds.get(recordKey(kind, id))?.qbId;
  // An overpayment holds lines linking the refunds of it: part of what Sharper expects there.
  const refundLinks = await findRefundLinksOfPayments(ctx.db, ctx.companyId, candidates.filter((x) => x.mapped.kind === 'payment').map((x) => x.mapped.sourceId));

  const inserts: DriftInsert[] = [];
  const refreshed: { kind: RecordKind; sourceId: string; from: string | null; to: string }[] = [];
  const detectedAt = ctx.now.toISOString();
  for (const { change, mapped: m } of candidates) {
    const version = versionOf.get(recordKey(m.kind, m.sourceId));
    if (!version) continue;
    // A record Sharper voided is expected to look emptied in QBO; only its deletion is drift.
    if (version.status !== 'active' && !change.deleted) continue;
    const extras = m.kind === 'payment' ? { refundLinks: refundLinks.get(m.sourceId) } : {};
    const expected = entityBody({ kind: m.kind, sourceId: m.sourceId, data: JSON.parse(version.data) }, new RefResolver(lookup), ctx.settings, extras);
    const diff = diffEntity(change.entity, expected, change.deleted ? null : change.body);
    if (diff.length === 0) {
      if (change.syncToken) refreshed.push({ kind: m.kind, sourceId: m.sourceId, from: m.qbLock, to: change.syncToken });
      counts.unchanged += 1;
      continue;
    }
    const text = JSON.stringify(diff);
    inserts.push({
      companyId: ctx.companyId,
      kind: m.kind,
      sourceId: m.sourceId,
      qbEntity: change.entity,
      qbId: m.qbId,
      qbSyncToken: change.deleted ? 'deleted' : (change.syncToken ?? 'unknown'),
      deleted: change.deleted,
      diff: text,
      source: change.source,
      status: 'open',
      detectedAt,
    });
  }
  if (refreshed.length > 0) await refreshQbLocks(ctx.db, ctx.companyId, refreshed);
  return inserts;
}

/**
 * Drops entries repeating the difference already on record for that record, open or acknowledged
 * (e.g. QBO bumped the token of an edit already acknowledged).
 */
async function newEntries(ctx: { db: Db; companyId: string }, inserts: DriftInsert[]): Promise<DriftInsert[]> {
  if (inserts.length === 0) return inserts;
  const latest = await latestDriftByRecord(ctx.db, ctx.companyId, inserts.map((i) => [i.kind, i.sourceId]));
  return inserts.filter((i) => {
    const prior = latest.get(recordKey(i.kind, i.sourceId));
    return !(prior && prior.status !== 'restored' && prior.diff === i.diff);
  });
}
