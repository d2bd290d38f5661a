import type { Principal } from '../companies';
import { insertOverride, listOverrides, type OverrideRow } from '../db/extension-overrides';
import type { RequestCtx } from '../http/context';
import { ServiceError } from '../shared/errors';
import type { OverrideInput } from './schemas';
import { recordStatus } from './status';

export function overrideView(r: OverrideRow) {
  return {
    id: r.id,
    who: { credentialId: r.credentialId, label: r.actor },
    quickbooks: { entity: r.qbEntity, id: r.qbId },
    record: r.kind && r.sourceId ? { kind: r.kind, id: r.sourceId, docNumber: r.docNumber } : null,
    action: r.action,
    via: r.via,
    pagePath: r.pagePath,
    at: r.occurredAt,
  };
}

/**
 * Records an accountant's "Edit anyway". The record is resolved here, not trusted from the
 * client; an override on a record Sharper does not own is refused (there is nothing to override).
 */
export async function recordOverride({ ctx, principal, input }: { ctx: RequestCtx; principal: Principal; input: OverrideInput }) {
  const status = await recordStatus({ ctx, principal, input: { entity: input.entity, id: input.id, realmId: input.realmId } });
  if (!status.owned) throw new ServiceError('NOT_FOUND', `QuickBooks ${input.entity} ${input.id} is not a record Sharper owns (${status.reason})`, { field: 'id' });
  const row = await insertOverride(ctx.db, {
    companyId: status.company.id,
    credentialId: principal.credentialId,
    actor: principal.label,
    qbEntity: input.entity,
    qbId: input.id,
    kind: status.record.kind,
    sourceId: status.record.id,
    docNumber: status.record.docNumber,
    action: input.action,
    via: input.via,
    pagePath: input.pagePath ?? null,
    occurredAt: ctx.now.toISOString(),
  });
  return overrideView(row);
}

export async function listOverrideEvents({ ctx, companyId, cursor, limit }: { ctx: RequestCtx; companyId: string; cursor?: string; limit: number }) {
  const rows = await listOverrides(ctx.db, { companyId, beforeId: cursor ? Number(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { overrides: page.map(overrideView), nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
}
