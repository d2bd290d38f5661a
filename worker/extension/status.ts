import type { Principal } from '../companies';
import { findOwnedRecordByQbId, findQboRealm } from '../db/extension-status';
import type { RecordKind } from '../db/schema/enums';
import type { RequestCtx } from '../http/context';
import { companiesOf } from './companies';
import { openInSharperUrl, sharperKindsOf } from './entities';
import type { StatusInput } from './schemas';
import { syncStateOf, type SyncStateView } from './sync-state';

export type NotOwnedReason = 'not_in_sharper' | 'other_company' | 'not_connected';

export type RecordStatusView =
  | { owned: false; reason: NotOwnedReason }
  | {
      owned: true;
      company: { id: string; name: string };
      record: { kind: RecordKind; id: string; docNumber: string | null; name: string | null };
      sync: SyncStateView;
      openInSharperUrl: string | null;
    };

/**
 * Whether the QBO record on an accountant's screen is Sharper's, and how its sync stands. The
 * page's realm picks the company; without one (the extension could not tell) the token's
 * QBO-connected company is assumed.
 */
export async function recordStatus({ ctx, principal, input }: { ctx: RequestCtx; principal: Principal; input: StatusInput }): Promise<RecordStatusView> {
  const candidates = [];
  for (const company of await companiesOf(ctx.db, principal)) {
    const realm = await findQboRealm(ctx.db, company.id);
    if (realm && (!input.realmId || realm.realmId === input.realmId)) candidates.push(company);
  }
  const company = candidates[0];
  if (!company) return { owned: false, reason: input.realmId ? 'other_company' : 'not_connected' };
  const kinds = sharperKindsOf[input.entity];
  const owned = kinds.length ? await findOwnedRecordByQbId(ctx.db, { companyId: company.id, kinds, qbId: input.id }) : undefined;
  if (!owned) return { owned: false, reason: 'not_in_sharper' };
  return {
    owned: true,
    company: { id: company.id, name: company.name },
    record: { kind: owned.kind, id: owned.sourceId, docNumber: owned.docNumber, name: owned.displayName },
    sync: syncStateOf({ job: owned.latestJob, mappedAt: null, drift: owned.openDrift }),
    openInSharperUrl: openInSharperUrl(company.openInSharperUrlTemplate, owned.kind, owned.sourceId),
  };
}
