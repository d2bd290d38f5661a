import { type OpContext, isRec, str } from './entities/common';
import { entityFromName } from './entities/registry';
import { injectedFault, takeFault } from './fault-rules';
import { faults, QboFault } from './faults';
import { createEntity, deleteEntity, updateEntity } from './operations';
import { runQuery } from './query-exec';
import { parseQuery } from './query';
import type { EntityName, Rec } from './types';

const NON_ENTITY_KEYS = new Set(['bId', 'operation', 'optionsData', 'Query']);

interface ItemPlan {
  bId: string;
  operation: string;
  entity: EntityName | null;
  run: () => Rec;
}

function plan(ctx: OpContext, item: Rec): ItemPlan {
  const bId = str(item.bId) ?? '';
  if (typeof item.Query === 'string') {
    const query = item.Query;
    let entity: EntityName | null = null;
    try {
      entity = entityFromName(parseQuery(query).entity) ?? null;
    } catch {
      entity = null; // a bad query is reported by run() as the item's Fault
    }
    return { bId, operation: 'query', entity, run: () => ({ QueryResponse: runQuery(ctx.realm, query) }) };
  }
  const key = Object.keys(item).find((k) => !NON_ENTITY_KEYS.has(k));
  const entity = key ? entityFromName(key) ?? null : null;
  const operation = str(item.operation) ?? 'create';
  const body = key ? item[key] : undefined;
  return {
    bId,
    operation,
    entity,
    run: () => {
      if (!entity || !key || !isRec(body)) throw faults.invalidProperty(`Batch item ${bId} has no entity payload`);
      if (operation === 'create') return { [entity]: createEntity(ctx, entity, body) };
      if (operation === 'update') return { [entity]: updateEntity(ctx, entity, body) };
      if (operation === 'delete') return { [entity]: deleteEntity(ctx, entity, body) };
      throw faults.invalidEnum('operation', operation);
    },
  };
}

export interface BatchStats {
  reads: number;
  writes: number;
}

/**
 * POST /batch. Items run one after another and fail independently: a failing item becomes its own
 * `Fault` in BatchItemResponse while the others commit, as in QBO.
 */
export function runBatch(ctx: OpContext, body: unknown, path: string): { response: Rec; stats: BatchStats } {
  if (!isRec(body) || !Array.isArray(body.BatchItemRequest)) throw faults.required('BatchItemRequest');
  const items = body.BatchItemRequest.filter(isRec);
  const max = ctx.realm.settings.limits.batchItems;
  if (items.length === 0) throw faults.required('BatchItemRequest');
  if (items.length > max) {
    throw faults.invalidProperty(`Batch request has ${items.length} items; the maximum is ${max}`);
  }
  const bIds = items.map((i) => str(i.bId));
  if (bIds.some((b) => !b)) throw faults.required('bId');
  if (new Set(bIds).size !== bIds.length) throw faults.invalidProperty('bId values must be unique within a batch');
  const stats: BatchStats = { reads: 0, writes: 0 };
  const responses = items.map((item) => {
    const p = plan(ctx, item);
    if (p.operation === 'query') stats.reads += 1;
    else stats.writes += 1;
    try {
      const injected = takeFault(
        ctx.state,
        { realmId: ctx.realm.id, method: 'POST', path, entity: p.entity, operation: p.operation, bId: p.bId },
        'item',
      );
      if (injected?.kind === 'fault') throw injectedFault(injected);
      return { bId: p.bId, ...p.run() };
    } catch (err) {
      if (err instanceof QboFault) return { bId: p.bId, Fault: err.toFault() };
      throw err;
    }
  });
  return { response: { BatchItemResponse: responses }, stats };
}
