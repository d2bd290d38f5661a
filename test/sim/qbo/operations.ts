import { appliedCents, applicationsByTarget, customersTouched, recomputeBalances } from './balances';
import { checkPropertyNames, type OpContext, requireDateInOpenPeriod, str } from './entities/common';
import { entityDef } from './entities/registry';
import { faults } from './faults';
import { clone, deletedView, getStored, insertEntity, replaceEntity, tombstone } from './store';
import type { EntityName, Rec, StoredEntity } from './types';
import { type ChangeOperation, emitChange } from './webhooks';

/** Fields QBO owns; a client sending them on create is ignored, on update they are checked. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

function withoutServerFields(body: Rec): Rec {
  const d: Rec = { ...body };
  for (const k of SERVER_FIELDS) delete d[k];
  return d;
}

/**
 * Balances only move when a transaction is written, and only for the customers it names (before
 * and after the write), which keeps big benchmark realms fast.
 */
function committed(ctx: OpContext, stored: StoredEntity, operation: ChangeOperation, before?: Rec): void {
  if (entityDef(stored.name).kind === 'txn') {
    recomputeBalances(ctx.realm, ctx.now, customersTouched(ctx.realm, [before, stored.data]));
  }
  const meta = (stored.data.MetaData ?? {}) as Rec;
  emitChange(ctx.state, {
    realmId: ctx.realm.id,
    name: stored.name,
    id: String(stored.data.Id),
    operation,
    lastUpdated: String(meta.LastUpdatedTime ?? ''),
  });
}

function readOnlyFault(entity: EntityName) {
  return faults.unsupported(`Operation Create/Update is not supported for ${entity}; use /taxservice/taxcode.`);
}

export function createEntity(ctx: OpContext, entity: EntityName, body: Rec): Rec {
  const def = entityDef(entity);
  if (!def.writable) throw readOnlyFault(entity);
  checkPropertyNames(body);
  const data = def.prepare(ctx, withoutServerFields(body), undefined);
  const stored = insertEntity(ctx.realm, entity, data, ctx.now);
  committed(ctx, stored, 'Create');
  return clone(stored.data);
}

/** Update target lookup shared by update, delete and void: 610 when gone, 5010 when stale. */
function loadForWrite(ctx: OpContext, entity: EntityName, body: Rec): StoredEntity {
  const id = str(body.Id);
  if (!id) throw faults.required('Id');
  const stored = getStored(ctx.realm, entity, id);
  if (!stored) throw faults.objectNotFound();
  if (stored.deleted) throw entityDef(entity).kind === 'txn' ? faults.deletedTxn() : faults.objectNotFound();
  if (ctx.actor === 'api') {
    const token = str(body.SyncToken);
    if (token === undefined) throw faults.required('SyncToken');
    if (token !== String(stored.data.SyncToken)) throw faults.stale();
  }
  return stored;
}

/** Sparse (`sparse: true`) merges top-level fields; a full update replaces the writable body. */
export function updateEntity(ctx: OpContext, entity: EntityName, body: Rec): Rec {
  const def = entityDef(entity);
  if (!def.writable) throw readOnlyFault(entity);
  checkPropertyNames(body);
  const stored = loadForWrite(ctx, entity, body);
  const patch = withoutServerFields(body);
  const sparse = body.sparse === true;
  const draft = sparse ? { ...withoutServerFields(stored.data), ...patch } : patch;
  const data = def.prepare({ ...ctx, write: { sparse, body: patch } }, draft, stored);
  const before = stored.data;
  replaceEntity(ctx.realm, stored, data, ctx.now);
  committed(ctx, stored, 'Update', before);
  return clone(stored.data);
}

const LINK_TARGETS: readonly EntityName[] = ['Invoice', 'CreditMemo', 'JournalEntry'];

function refuseIfApplied(ctx: OpContext, stored: StoredEntity, verb: string): void {
  if (!LINK_TARGETS.includes(stored.name)) return;
  const customers = customersTouched(ctx.realm, [stored.data]);
  const applied = appliedCents(applicationsByTarget(ctx.realm, undefined, customers), `${stored.name}:${String(stored.data.Id)}`);
  if (applied > 0) {
    throw faults.business(`This ${stored.name} has payments applied; remove them before you ${verb} it.`);
  }
}

export function deleteEntity(ctx: OpContext, entity: EntityName, body: Rec): Rec {
  const def = entityDef(entity);
  if (!def.deletable) throw faults.unsupported(`Operation Delete is not supported for ${entity}; set Active to false instead.`);
  const stored = loadForWrite(ctx, entity, body);
  requireDateInOpenPeriod(ctx, String(stored.data.TxnDate));
  refuseIfApplied(ctx, stored, 'delete');
  tombstone(ctx.realm, stored, ctx.now);
  committed(ctx, stored, 'Delete');
  return deletedView(stored);
}

export function voidEntity(ctx: OpContext, entity: EntityName, body: Rec, via: 'operation' | 'include'): Rec {
  const def = entityDef(entity);
  if (!def.voided || !def.voidVia.includes(via)) throw faults.unsupported(`Operation Void is not supported for ${entity}.`);
  const stored = loadForWrite(ctx, entity, body);
  requireDateInOpenPeriod(ctx, String(stored.data.TxnDate));
  refuseIfApplied(ctx, stored, 'void');
  replaceEntity(ctx.realm, stored, def.voided(withoutServerFields(stored.data)), ctx.now);
  stored.voided = true;
  committed(ctx, stored, 'Void');
  return clone(stored.data);
}

export function readEntity(ctx: OpContext, entity: EntityName, id: string): Rec {
  const stored = getStored(ctx.realm, entity, id);
  if (!stored || stored.deleted) throw faults.objectNotFound();
  return clone(stored.data);
}

/** Name-list "delete" in the QBO UI is deactivation; transactions are really deleted. */
export function userDelete(ctx: OpContext, entity: EntityName, id: string): Rec {
  if (entityDef(entity).kind === 'txn') return deleteEntity(ctx, entity, { Id: id });
  return updateEntity(ctx, entity, { Id: id, sparse: true, Active: false });
}
