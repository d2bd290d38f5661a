import type { Db } from '../../db/client';
import { findSyncedVersions } from '../../db/record-versions';
import type { RecordKind } from '../../db/schema/enums';
import type { CompanySettings } from '../../companies';
import { recordKindSpecs, type CreditMemoInput, type PaymentInput } from '../../ledger';
import { lookupQuickBooksIds, recordKey, type ClaimedJob, type QuickBooksRef } from '../../queue';
import type { BuildRefs } from '../qbxml/types';

/** A GUID derived from the company and record (FNV-1a, four lanes), stable across retries. */
export function externalGuid(companyId: string, kind: RecordKind, sourceId: string): string {
  const input = `${companyId}|${kind}|${sourceId}`;
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0').toUpperCase();
  });
  const hex = lanes.join('');
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * Resolves every record the jobs point at (plus the company's A/R setting) in one id-map read.
 * For building (`forBuilding`), a payment, credit memo or refund already in QuickBooks also brings the version QuickBooks holds:
 * what that version applied decides what a change must unapply (payments) or apply on top (memos),
 * and its method which kind of transaction a changed refund replaces.
 */
export async function resolveRefs(
  ctx: { db: Db },
  companyId: string,
  jobs: ClaimedJob[],
  settings: CompanySettings,
  { forBuilding = false }: { forBuilding?: boolean } = {},
): Promise<BuildRefs & { owner(qbId: string): { kind: RecordKind; id: string } | null }> {
  const wanted = jobs.flatMap((j) => (j.action === 'upsert' ? recordKindSpecs[j.kind].references(j.data) : []).map((r) => ({ kind: r.kind, id: r.id })));
  if (settings.arAccount) wanted.push({ kind: 'account', id: settings.arAccount });
  // Only builders read the version QuickBooks holds; reading answers does not.
  const applying = forBuilding ? jobs.filter((j) => (j.kind === 'payment' || j.kind === 'credit_memo' || j.kind === 'refund') && j.action === 'upsert' && j.existing) : [];
  wanted.push(...applying.map((j) => ({ kind: j.kind, id: j.sourceId })));
  const map = wanted.length ? await lookupQuickBooksIds({ ctx, companyId, target: 'qbd', records: wanted }) : new Map();
  const previous = await previousVersions(ctx, companyId, applying, map);
  const byQbId = new Map([...map].map(([key, v]) => [v.qbId, key]));
  return {
    id: (kind, id) => map.get(recordKey(kind, id))?.qbId ?? null,
    arAccountId: settings.arAccount ? (map.get(recordKey('account', settings.arAccount))?.qbId ?? null) : null,
    guid: (kind, id) => externalGuid(companyId, kind, id),
    previous: (kind, id) => previous.get(recordKey(kind, id)) ?? null,
    owner(qbId) {
      const key = byQbId.get(qbId);
      if (!key) return null;
      const i = key.indexOf(':');
      return { kind: key.slice(0, i) as RecordKind, id: key.slice(i + 1) };
    },
  };
}

/** The synced versions of changed payments, credit memos and refunds, with the invoices they applied to added to `map`. */
async function previousVersions(ctx: { db: Db }, companyId: string, jobs: ClaimedJob[], map: Map<string, QuickBooksRef>): Promise<Map<string, unknown>> {
  const keys = jobs.flatMap((j) => {
    const synced = map.get(recordKey(j.kind, j.sourceId))?.syncedVersion;
    return synced !== undefined && synced < j.version ? [[j.kind, j.sourceId, synced] as [RecordKind, string, number]] : [];
  });
  if (keys.length === 0) return new Map();
  const rows = await findSyncedVersions(ctx.db, companyId, keys);
  const previous = new Map(rows.map((r) => [recordKey(r.kind, r.sourceId), JSON.parse(r.data) as unknown]));
  const invoices = [...previous.values()].flatMap((d) => ((d as PaymentInput | CreditMemoInput).applications ?? []).map((a) => ({ kind: 'invoice' as const, id: a.invoice })));
  const missing = invoices.filter((r) => !map.has(recordKey(r.kind, r.id)));
  if (missing.length) for (const [k, v] of await lookupQuickBooksIds({ ctx, companyId, target: 'qbd', records: missing })) map.set(k, v);
  return previous;
}
