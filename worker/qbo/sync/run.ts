import type { CompanySettings } from '../../companies';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { findCompany } from '../../db/companies';
import { finishSyncLease, findQboConnection, listQboConnectionsDue, takeSyncLease } from '../../db/qbo-connections';
import { addQboUsage } from '../../db/qbo-usage';
import { companiesWithReadyQboJobs } from '../../db/qbo-requests';
import { makeInDoubtJobsDue } from '../../queue';
import { randomToken } from '../../shared/canonical';
import { checkDrift, type DriftCheck } from '../drift/check';
import { QboConnectionError } from '../errors';
import { realmApi } from '../realm-api';
import { currentCompanyPrefs, unsupportedCountryMessage, type CompanyPrefs } from '../company';
import type { QboSettings } from '../mappers';
import { drainCompany } from './drain';

export interface SyncOptions {
  db: Db;
  config: Config;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CompanySyncResult {
  companyId: string;
  ran: boolean;
  reason?: string;
  counts?: Record<string, number>;
  drift?: DriftCheck;
  usage?: { reads: number; writes: number; requests: number; throttled: number };
  throttled?: boolean;
}

const sleeper = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One company's run under the per-company sync lease: drain ready jobs within `budgetMs`, then
 * add what the run spent to the month's usage. `minIntervalMs` is how "sync now" refuses to run
 * too soon after the last run.
 */
export async function syncCompany(o: SyncOptions & { companyId: string; budgetMs: number; minIntervalMs?: number }): Promise<CompanySyncResult> {
  const clock = o.clock ?? Date.now;
  const sleep = o.sleep ?? sleeper;
  const startMs = clock();
  const leaseToken = randomToken(12);
  const conn = await findQboConnection(o.db, o.companyId);
  if (!conn || conn.status !== 'connected') return { companyId: o.companyId, ran: false, reason: conn?.status ?? 'not_connected' };
  const took = await takeSyncLease(o.db, {
    companyId: o.companyId,
    nowMs: startMs,
    untilMs: startMs + o.budgetMs + 60_000,
    token: leaseToken,
    minStartedBeforeMs: o.minIntervalMs === undefined ? undefined : startMs - o.minIntervalMs,
  });
  if (!took) return { companyId: o.companyId, ran: false, reason: 'busy_or_too_soon' };
  const company = await findCompany(o.db, o.companyId);
  const settings: QboSettings = JSON.parse(company?.settings ?? '{}') as CompanySettings;
  const api = realmApi({ db: o.db, config: o.config, conn, clock, sleep, window: took.limiterWindow, options: { deadline: startMs + o.budgetMs } });
  const ctx = {
    db: o.db,
    api,
    companyId: o.companyId,
    clock,
    settings,
    deadline: startMs + o.budgetMs,
    leaseMs: o.config.qbo.leaseMs,
    replayWindowMs: o.config.qbo.replayWindowMs,
    throttled: false,
    connectionLost: false,
    counts: { synced: 0, failed: 0, held: 0, waiting: 0, unknown: 0 },
    inDoubt: new Set<number>(),
    followUps: [],
    lookups: [],
    written: new Set<number>(),
  };
  let reason: string | undefined;
  let prefs: CompanyPrefs | null = null;
  let drift: DriftCheck | undefined;
  try {
    // Token first: a company that needs reconnecting claims nothing, so its jobs stay queued.
    await api.options.getToken();
    // How tax is sent depends on the company's sales-tax setting: never guess it.
    prefs = await currentCompanyPrefs({ db: o.db, api, conn, nowMs: clock() });
    settings.taxMode = prefs?.taxMode;
    // Drift before the push: edits made in QBO are recorded before Sharper's pending updates
    // overwrite them, and SyncTokens QBO bumped on its own are refreshed first.
    drift = await checkDrift({ db: o.db, api, companyId: o.companyId, settings, clock, cdcSince: conn.cdcSince, connectedAt: conn.connectedAt });
    ctx.throttled = drift.throttled;
    if (drift.prefsChanged) {
      prefs = await currentCompanyPrefs({ db: o.db, api, conn, nowMs: clock(), force: true });
      settings.taxMode = prefs?.taxMode;
    }
    if (!prefs) reason = 'company_preferences_unread';
    else if (prefs.taxMode === 'unsupported') reason = 'country_not_supported';
    else await drainCompany(ctx);
  } catch (error) {
    if (!(error instanceof QboConnectionError)) throw error;
    reason = error.reason;
  } finally {
    // Doubt is settled by replaying the stored request (same requestid), which QBO answers without
    // doing anything again: the next run does that at once instead of waiting out a retry backoff.
    await makeInDoubtJobsDue({ ctx: { db: o.db }, companyId: o.companyId, target: 'qbo', jobIds: [...ctx.inDoubt] });
    const finished = new Date(clock());
    await addQboUsage(o.db, o.companyId, finished.toISOString().slice(0, 7), api.usage);
    await finishSyncLease(o.db, { companyId: o.companyId, token: leaseToken, now: finished.toISOString(), summary: JSON.stringify({ ...ctx.counts, throttled: ctx.throttled, reason, reasonMessage: reasonMessage(reason, prefs?.country ?? null), drift: drift?.counts, driftMessage: drift?.message }),
      cdcSince: drift?.nextSince,
      limiterWindow: JSON.stringify(api.limiter.window()),
    });
  }
  return { companyId: o.companyId, ran: true, reason, counts: ctx.counts, drift, usage: { ...api.usage }, throttled: ctx.throttled };
}

/** Words for the Health page when a run sent nothing on purpose. */
function reasonMessage(reason: string | undefined, country: string | null): string | undefined {
  if (reason === 'country_not_supported') return unsupportedCountryMessage(country ?? 'another country');
  if (reason === 'company_preferences_unread') return "QuickBooks Online did not answer when asked whether the company uses automated sales tax; nothing was sent (tax would be wrong either way). The next run asks again.";
  return undefined;
}

/**
 * The hourly cron's QBO part: every connected company, inside one time box; those with ready
 * work first. Companies with nothing to send still run, for their drift check (one metered read).
 */
export async function runQboSync(o: SyncOptions & { budgetMs?: number }): Promise<CompanySyncResult[]> {
  const clock = o.clock ?? Date.now;
  const deadline = clock() + (o.budgetMs ?? o.config.qbo.runBudgetMs);
  const ready = await companiesWithReadyQboJobs(o.db, clock());
  const results: CompanySyncResult[] = [];
  const due = (await listQboConnectionsDue(o.db)).sort((a, b) => Number(ready.has(b.companyId)) - Number(ready.has(a.companyId)));
  for (const conn of due) {
    const left = deadline - clock();
    if (left <= 0) break;
    try {
      results.push(await syncCompany({ ...o, companyId: conn.companyId, budgetMs: left }));
    } catch (error) {
      // One company's failure must not stop the others; the log carries it.
      console.error(`qbo: sync of company ${conn.companyId} failed`, error);
      results.push({ companyId: conn.companyId, ran: false, reason: 'error' });
    }
  }
  return results;
}
