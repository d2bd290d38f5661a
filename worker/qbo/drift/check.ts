import type { RecordKind } from '../../db/schema/enums';
import type { CompanySettings } from '../../companies';
import type { Db } from '../../db/client';
import { findMappedByQbIds } from '../../db/qbo-drift';
import { deleteWebhookEvents, pendingWebhookEvents, type WebhookEventRow } from '../../db/qbo-webhook-events';
import type { QboApi } from '../api/client';
import { firstError } from '../api/fault';
import { qboEntityOf } from '../mappers';
import { readChanges } from './cdc';
import { detectDrift, type DriftCounts } from './detect';
import { KINDS_OF, type ObservedChange } from './observed';

/** Webhook events consumed per run, and how many of them may cost a read of their own. */
const WEBHOOK_EVENTS_PER_RUN = 1000;
const WEBHOOK_READS_PER_RUN = 20;

export interface DriftCheck {
  /** Where the next run's CDC starts; absent when this read failed (the window is kept). */
  nextSince?: string;
  counts?: DriftCounts;
  calls: number;
  webhookEvents: number;
  webhookReads: number;
  throttled: boolean;
  message?: string;
  /** QBO reported a change to the company's Preferences (its sales-tax setting may have moved). */
  prefsChanged?: boolean;
}

type Ctx = { db: Db; api: QboApi; companyId: string; settings: CompanySettings; clock: () => number; cdcSince: string | null; connectedAt: string };

/**
 * Webhook events the CDC answer did not list (it happened before the window, or the answer was
 * cut): a delete needs no read; others are read one by one, only for records Sharper owns, and
 * only a few per run (each is a metered read). Returns the changes and the events handled.
 */
async function uncoveredChanges(ctx: Ctx, events: WebhookEventRow[]): Promise<{ changes: ObservedChange[]; handled: number[]; reads: number }> {
  const changes: ObservedChange[] = [];
  const handled: number[] = [];
  const deletes = events.filter((e) => e.operation === 'Delete');
  for (const e of deletes) changes.push({ entity: e.qbEntity, qbId: e.qbId, syncToken: null, deleted: true, body: null, source: 'webhook' });
  handled.push(...deletes.map((e) => e.id));
  const rest = events.filter((e) => e.operation !== 'Delete');
  const mapped = await findMappedByQbIds(ctx.db, ctx.companyId, rest.flatMap((e) => (KINDS_OF[e.qbEntity] ?? []).map((kind) => [kind, e.qbId] as [RecordKind, string])));
  const ours = new Set(mapped.map((m) => `${qboEntityOf[m.kind]}:${m.qbId}`));
  let reads = 0;
  const fetched = new Set<string>();
  for (const e of rest) {
    const key = `${e.qbEntity}:${e.qbId}`;
    if (!ours.has(key) || fetched.has(key)) {
      handled.push(e.id);
      continue;
    }
    if (reads >= WEBHOOK_READS_PER_RUN) continue;
    const res = await ctx.api.call({ method: 'GET', path: `/${e.qbEntity.toLowerCase()}/${encodeURIComponent(e.qbId)}`, read: true });
    reads += 1;
    if (res.kind === 'ok' && res.json[e.qbEntity]) {
      const body = res.json[e.qbEntity];
      changes.push({ entity: e.qbEntity, qbId: e.qbId, syncToken: body.SyncToken === undefined ? null : String(body.SyncToken), deleted: false, body, source: 'webhook' });
    } else if (res.kind === 'fault' && firstError(res.fault).code === '610') {
      changes.push({ entity: e.qbEntity, qbId: e.qbId, syncToken: null, deleted: true, body: null, source: 'webhook' });
    } else continue;
    fetched.add(key);
    handled.push(e.id);
  }
  return { changes, handled, reads };
}

/**
 * The run's drift check: one CDC read of the owned entity types since the last successful one,
 * plus the webhook events recorded since the last run, turned into drift entries. A failed read
 * keeps the old window and the events (the next run asks again).
 */
export async function checkDrift(ctx: Ctx): Promise<DriftCheck> {
  const nowMs = ctx.clock();
  const since = Date.parse(ctx.cdcSince ?? ctx.connectedAt);
  const events = await pendingWebhookEvents(ctx.db, ctx.companyId, WEBHOOK_EVENTS_PER_RUN);
  const read = await readChanges(ctx.api, { since: Number.isNaN(since) ? nowMs : since, nowMs });
  const base = { webhookEvents: events.length, webhookReads: 0 };
  if (read.kind === 'throttled') return { ...base, calls: read.calls, throttled: true, message: 'QuickBooks Online throttled the change-data-capture read' };
  if (read.kind === 'failed') {
    console.warn(`qbo: CDC read for company ${ctx.companyId} failed: ${read.message}`);
    return { ...base, calls: read.calls, throttled: false, message: read.message };
  }
  const listed = new Map(read.changes.map((c) => [`${c.entity}:${c.qbId}`, c]));
  const handled: number[] = [];
  const uncovered: WebhookEventRow[] = [];
  for (const e of events) {
    const change = listed.get(`${e.qbEntity}:${e.qbId}`);
    if (change) {
      change.source = 'webhook';
      handled.push(e.id);
    } else if (KINDS_OF[e.qbEntity]) uncovered.push(e);
    else handled.push(e.id);
  }
  const extra = await uncoveredChanges(ctx, uncovered);
  const counts = await detectDrift({ db: ctx.db, companyId: ctx.companyId, settings: ctx.settings, now: new Date(nowMs) }, [...read.changes, ...extra.changes]);
  await deleteWebhookEvents(ctx.db, ctx.companyId, [...handled, ...extra.handled]);
  const message = read.clamped ? 'The last change check was more than 30 days ago; QuickBooks only reports the last 30 days of changes' : undefined;
  const prefsChanged = events.some((e) => e.qbEntity === 'Preferences');
  return { nextSince: read.nextSince, counts, calls: read.calls, webhookEvents: events.length, webhookReads: extra.reads, throttled: false, message, prefsChanged };
}
