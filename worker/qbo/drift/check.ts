import type { CompanySettings } from '../../companies';
import type { Db } from '../../db/client';
import type { QboApi } from '../api/client';
import { readChanges } from './cdc';
import { detectDrift, type DriftCounts } from './detect';

export interface DriftCheck {
  /** Where the next run's CDC starts; absent when this read failed (the window is kept). */
  nextSince?: string;
  counts?: DriftCounts;
  calls: number;
  throttled: boolean;
  message?: string;
}

/**
 * The run's drift check: one CDC read of the owned entity types since the last successful one,
 * turned into drift entries. A failed read keeps the old window (next run asks again).
 */
export async function checkDrift(ctx: {
  db: Db;
  api: QboApi;
  companyId: string;
  settings: CompanySettings;
  clock: () => number;
  cdcSince: string | null;
  connectedAt: string;
}): Promise<DriftCheck> {
  const nowMs = ctx.clock();
  const since = Date.parse(ctx.cdcSince ?? ctx.connectedAt);
  const read = await readChanges(ctx.api, { since: Number.isNaN(since) ? nowMs : since, nowMs });
  if (read.kind === 'throttled') return { calls: read.calls, throttled: true, message: 'QuickBooks Online throttled the change-data-capture read' };
  if (read.kind === 'failed') {
    console.warn(`qbo: CDC read for company ${ctx.companyId} failed: ${read.message}`);
    return { calls: read.calls, throttled: false, message: read.message };
  }
  const counts = await detectDrift({ db: ctx.db, companyId: ctx.companyId, settings: ctx.settings, now: new Date(nowMs) }, read.changes);
  const message = read.clamped ? 'The last change check was more than 30 days ago; QuickBooks only reports the last 30 days of changes' : undefined;
  return { nextSince: read.nextSince, counts, calls: read.calls, throttled: false, message };
}
