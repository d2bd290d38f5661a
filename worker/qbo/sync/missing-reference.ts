import type { RecordKind } from '../../db/schema/enums';
import { recordKindSpecs } from '../../ledger';
import { lookupQuickBooksIds, recordKey, resendRecord, type JobOutcome } from '../../queue';
import type { QboError } from '../api/fault';
import { qboEntityOf } from '../mappers';
import { qboQuote } from './ids';
import type { PlannedJob, SendCtx } from './context';
import { queryOne } from './transport';

/**
 * QBO refused a transaction because something it refers to is gone or inactive there (610/2500).
 * One read per entity type finds which references those are; Sharper (which wins) sends each of
 * them again — re-created if deleted, re-activated if made inactive — and the job waits for them.
 * When every reference looks fine the job is held with QBO's own words.
 */
export async function resolveMissingReference(ctx: SendCtx, pj: PlannedJob, e: QboError, held: JobOutcome): Promise<JobOutcome> {
  const job = pj.job;
  if (job.action !== 'upsert') return held;
  const refs = recordKindSpecs[job.kind].references(job.data).filter((r) => r.kind !== 'sales_tax_item');
  if (refs.length === 0) return held;
  const mapped = await lookupQuickBooksIds({ ctx: { db: ctx.db }, companyId: ctx.companyId, target: 'qbo', records: refs.map((r) => ({ kind: r.kind, id: r.id })) });
  const byEntity = new Map<string, { kind: RecordKind; id: string; qbId: string }[]>();
  for (const r of refs) {
    const m = mapped.get(recordKey(r.kind, r.id));
    if (!m) continue;
    const entity = qboEntityOf[r.kind];
    const list = byEntity.get(entity) ?? [];
    if (!list.some((x) => x.qbId === m.qbId)) list.push({ kind: r.kind, id: r.id, qbId: m.qbId });
    byEntity.set(entity, list);
  }
  const gone: { kind: RecordKind; id: string; deleted: boolean }[] = [];
  for (const [entity, list] of byEntity) {
    const activeFilter = ['Customer', 'Item', 'Account', 'Term'].includes(entity) ? 'Active in (true, false) and ' : '';
    const rows = await queryOne(ctx, `select * from ${entity} where ${activeFilter}Id in (${list.map((x) => qboQuote(x.qbId)).join(', ')})`);
    if (rows === null) return held;
    for (const x of list) {
      const row = rows.find((r) => String(r.Id) === x.qbId);
      if (!row) gone.push({ kind: x.kind, id: x.id, deleted: true });
      else if (row.Active === false) gone.push({ kind: x.kind, id: x.id, deleted: false });
    }
  }
  if (gone.length === 0) return held;
  const now = new Date(ctx.clock());
  for (const g of gone) {
    await resendRecord({
      ctx: { db: ctx.db, now },
      companyId: ctx.companyId,
      target: 'qbo',
      kind: g.kind,
      sourceId: g.id,
      reason: g.deleted ? 'it was deleted in QuickBooks Online' : 'it was made inactive in QuickBooks Online',
      forgetQuickBooksId: g.deleted,
    });
  }
  const names = gone.map((g) => `${recordKindSpecs[g.kind].label} ${g.id} (${g.deleted ? 'deleted' : 'made inactive'} in QuickBooks)`).join(', ');
  return {
    kind: 'waiting',
    message: `QuickBooks Online refused this because of ${names}; Sharper sends ${gone.length === 1 ? 'it' : 'them'} again and this waits (QuickBooks said: ${e.message})`,
    dependencies: gone.map((g) => ({ kind: g.kind, id: g.id })),
  };
}
