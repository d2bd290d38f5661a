import type { QboApi } from '../api/client';
import { firstError } from '../api/fault';
import { OWNED_ENTITIES, type ObservedChange } from './observed';

/** CDC looks back at most 30 days (qbo-api.md §2.7); keep a margin so the edge is never refused. */
export const CDC_LOOKBACK_MS = 30 * 24 * 3600_000 - 10 * 60_000;
/** At most this many objects per CDC answer. */
export const CDC_MAX_OBJECTS = 1000;
/** Overlap with the previous window: a change committed while QBO answered is seen next time. */
const OVERLAP_MS = 60_000;
/** Only when an answer is truncated do more calls follow, one entity type at a time. */
const MAX_CALLS_PER_RUN = 12;

export type CdcRead =
  | { kind: 'ok'; changes: ObservedChange[]; nextSince: string; calls: number; clamped: boolean }
  | { kind: 'throttled'; calls: number }
  | { kind: 'failed'; message: string; calls: number };

interface Page {
  rows: Map<string, Record<string, any>[]>;
  serverMs: number;
  total: number;
}

async function cdcPage(api: QboApi, entities: string[], since: number): Promise<Page | Exclude<CdcRead, { kind: 'ok' }>> {
  const res = await api.call({ method: 'GET', path: '/cdc', query: { entities: entities.join(','), changedSince: new Date(since).toISOString() }, read: true });
  if (res.kind === 'throttled') return { kind: 'throttled', calls: 1 };
  if (res.kind === 'lost') return { kind: 'failed', message: res.message, calls: 1 };
  if (res.kind === 'fault') {
    const e = firstError(res.fault);
    return { kind: 'failed', message: `QuickBooks Online refused the change-data-capture read (${e.code}): ${e.message} ${e.detail}`.trim(), calls: 1 };
  }
  const rows = new Map<string, Record<string, any>[]>();
  let total = 0;
  for (const qr of res.json.CDCResponse?.[0]?.QueryResponse ?? []) {
    for (const entity of entities) {
      const list = qr?.[entity];
      if (!Array.isArray(list)) continue;
      rows.set(entity, [...(rows.get(entity) ?? []), ...list]);
      total += list.length;
    }
  }
  const serverMs = Date.parse(String(res.json.time ?? ''));
  return { rows, total, serverMs: Number.isNaN(serverMs) ? since : serverMs };
}

const updatedMs = (row: Record<string, any>) => Date.parse(String(row.MetaData?.LastUpdatedTime ?? '')) || 0;

function toChange(entity: string, row: Record<string, any>): ObservedChange {
  const deleted = row.status === 'Deleted';
  return { entity, qbId: String(row.Id), syncToken: row.SyncToken === undefined ? null : String(row.SyncToken), deleted, body: deleted ? null : row, source: 'cdc' };
}

/**
 * Reads what changed in the owned entity types since `since`: one metered call per run. Only if
 * QBO truncates the answer (1,000 objects, e.g. right after a large backlog) does it page on, each
 * type from its own high-water mark (assuming oldest-first answers), at most MAX_CALLS_PER_RUN calls. `nextSince` is the oldest
 * point every type is known to be complete to, so nothing is skipped; overlaps are harmless.
 */
export async function readChanges(api: QboApi, o: { since: number; nowMs: number }): Promise<CdcRead> {
  const floor = o.nowMs - CDC_LOOKBACK_MS;
  const since = Math.max(o.since, floor);
  const changes: ObservedChange[] = [];
  const first = await cdcPage(api, OWNED_ENTITIES, since);
  if ('kind' in first) return first;
  let calls = 1;
  for (const [entity, rows] of first.rows) for (const row of rows) changes.push(toChange(entity, row));
  if (first.total < CDC_MAX_OBJECTS) {
    return { kind: 'ok', changes, nextSince: new Date(first.serverMs - OVERLAP_MS).toISOString(), calls, clamped: since > o.since };
  }
  // Truncated: which types were cut is unknown, so each type continues from its own mark (types
  // at the same mark share a call); an answer under 1,000 objects completes every type in it.
  const progress = new Map<string, { mark: number; done: boolean }>(
    OWNED_ENTITIES.map((e) => {
      const rows = first.rows.get(e) ?? [];
      return [e, { mark: rows.length ? Math.max(since, ...rows.map(updatedMs)) : since, done: false }];
    }),
  );
  let doneAt = first.serverMs;
  const step = async (group: string[], mark: number): Promise<Exclude<CdcRead, { kind: 'ok' }> | null> => {
    const page = await cdcPage(api, group, mark);
    calls += 1;
    if ('kind' in page) return { ...page, calls };
    for (const entity of group) {
      const rows = page.rows.get(entity) ?? [];
      for (const row of rows) changes.push(toChange(entity, row));
      const p = progress.get(entity)!;
      if (page.total < CDC_MAX_OBJECTS) p.done = true;
      else if (rows.length) p.mark = Math.max(p.mark, ...rows.map(updatedMs));
    }
    if (page.total < CDC_MAX_OBJECTS) doneAt = Math.min(doneAt, page.serverMs);
    // More than 1,000 changes stamped within one second cannot be paged past: move on a second.
    else if (group.every((e) => progress.get(e)!.mark === mark)) for (const e of group) progress.get(e)!.mark = mark + 1000;
    return null;
  };
  // Usually one type filled the answer (likely the last one in it; only a guess, correctness does
  // not depend on it): the others, read together once, most often fit in one answer.
  const cut = OWNED_ENTITIES.filter((e) => (first.rows.get(e)?.length ?? 0) > 0).pop();
  const light = OWNED_ENTITIES.filter((e) => e !== cut);
  const failed = await step(light, since);
  if (failed) return failed;
  while (calls < MAX_CALLS_PER_RUN) {
    const open = [...progress].filter(([, p]) => !p.done);
    if (open.length === 0) break;
    const mark = Math.min(...open.map(([, p]) => p.mark));
    const stepFailed = await step(open.filter(([, p]) => p.mark === mark).map(([e]) => e), mark);
    if (stepFailed) return stepFailed;
  }
  const marks = [...progress.values()].map((p) => (p.done ? doneAt - OVERLAP_MS : p.mark));
  return { kind: 'ok', changes, nextSince: new Date(Math.min(...marks)).toISOString(), calls, clamped: since > o.since };
}
