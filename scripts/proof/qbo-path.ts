import { createRealm, expireAccessTokens, getStats, listEntities, scheduleFault, setClock, type SimState } from '../../test/sim/qbo';
import { openReceivables } from '../../test/sim/qbo/reports/ledger';
import type { Call, ProofCompany } from './harness';
import { counts } from './harness';

/** The QBO faults of the schedule, one set per month (index = month − 1). */
export const QBO_FAULTS: { month: number; name: string; apply: (s: SimState, realm: string) => void; concurrentCron?: boolean; killMidBatch?: boolean }[] = [
  { month: 2, name: 'lost responses after commit (2 batches)', apply: (s, realm) => void scheduleFault(s, { match: { realmId: realm, operation: 'batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 2 }) },
  { month: 3, name: '429 storm (6 requests)', apply: (s, realm) => void scheduleFault(s, { match: { realmId: realm }, action: { kind: 'http', status: 429 }, times: 6 }) },
  { month: 4, name: '5xx (3 × 503)', apply: (s, realm) => void scheduleFault(s, { match: { realmId: realm, operation: 'batch' }, action: { kind: 'http', status: 503 }, times: 3 }) },
  { month: 5, name: 'access token expired mid-run + two crons refreshing at once', apply: (s, realm) => void expireAccessTokens(s, realm), concurrentCron: true },
  { month: 6, name: 'overlapping cron runs', apply: () => undefined, concurrentCron: true },
  { month: 7, name: 'lost responses (502 after commit, 3)', apply: (s, realm) => void scheduleFault(s, { match: { realmId: realm, operation: 'batch' }, action: { kind: 'lost-response', mode: '502' }, times: 3 }) },
  // Batches answer slowly so the kill lands while they are in flight (committed in QBO, unanswered).
  { month: 8, name: 'Worker invocation killed mid-batch (process killed, restarted, claims swept after the lease)', apply: (s, realm) => void scheduleFault(s, { match: { realmId: realm, operation: 'batch' }, action: { kind: 'hang', ms: 3000, after: true }, times: 2 }), killMidBatch: true },
];

export async function connectQbo(call: Call, worker: string, co: ProofCompany, sim: SimState): Promise<string> {
  const realm = createRealm(sim, {}).id;
  const started = await call('GET', `/v1/companies/${co.id}/qbo/connect?environment=sandbox&format=json`, co.operator);
  if (started.status !== 200) throw new Error(`connect: ${started.text}`);
  const url = new URL(started.json.authorizeUrl);
  url.searchParams.set('realmId', realm);
  const consent = await fetch(url, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const done = await fetch(`${worker}/v1/qbo/oauth/callback${back.search}`);
  if (!done.ok) throw new Error(`callback: ${done.status} ${await done.text()}`);
  return realm;
}

/**
 * Runs the hourly cron until nothing is left to send (or `maxRuns`), as Cloudflare would. The runs
 * follow each other at once here, not an hour apart: after a run QBO throttled (429), the simulated
 * QBO's clock moves past its one-minute rate windows, as it would have by the next hourly run —
 * otherwise a single burst leaves every following run throttled until `maxRuns` is spent. The
 * Worker's own limiter carries the last real minute of requests from run to run, so a run that
 * follows a busy one at once stops early and the next goes on when that minute has passed: more
 * runs and a longer path time than hourly crons would need, never more than QBO allows.
 */
export async function cronUntilSettled(call: Call, worker: string, co: ProofCompany, opts: { concurrent?: boolean; maxRuns?: number; qbo?: { sim: SimState; realm: string } } = {}) {
  let runs = 0;
  const throttled = () => (opts.qbo ? (getStats(opts.qbo.sim, opts.qbo.realm) as { throttled: number }).throttled : 0);
  for (; runs < (opts.maxRuns ?? 40); runs++) {
    const trigger = () => fetch(`${worker}/cdn-cgi/handler/scheduled?cron=0+*+*+*+*`).then((r) => r.text());
    const before = throttled();
    await (opts.concurrent && runs === 0 ? Promise.all([trigger(), trigger()]) : trigger());
    if (opts.qbo && throttled() > before) setClock(opts.qbo.sim, { advanceMs: 61_000 });
    const c = await counts(call, co);
    if ((c.queued ?? 0) === 0 && (c.sending ?? 0) === 0) break;
  }
  return runs + 1;
}

export interface QbBooks {
  arByCustomer: Map<string, number>;
  duplicates: string[];
  /** Credit memos applied to invoices (their zero-amount payments). */
  applications?: number;
  requests: number;
  reads: number;
  /** Requests QBO answered 429 (injected storms and its per-minute limits). */
  throttled?: number;
}

const sharperIdOf = (displayName: string) => displayName.replace(/^Customer /, '').replace(/ \(deleted\)$/, '');

/** What the simulated QBO company holds: AR by customer, duplicate Sharper records, calls used. */
export function qboBooks(sim: SimState, realm: string): QbBooks {
  const customers = new Map(listEntities(sim, realm, 'Customer').map((c) => [String(c.Id), sharperIdOf(String(c.DisplayName))]));
  const ar = new Map<string, number>();
  for (const item of openReceivables(sim.realms.get(realm)!, '2999-12-31')) {
    const id = customers.get(item.customerId) ?? `QBO customer ${item.customerId}`;
    ar.set(id, (ar.get(id) ?? 0) + item.openCents);
  }
  const duplicates: string[] = [];
  for (const entity of ['Invoice', 'Payment', 'CreditMemo', 'RefundReceipt', 'JournalEntry', 'Customer', 'Item', 'Account']) {
    const seen = new Map<string, number>();
    for (const e of listEntities(sim, realm, entity)) {
      // "Sharper <kind> <id>": a credit memo's application payment carries its memo's marker, so it is
      // told apart from Sharper's own payments, and a second application of one memo still counts.
      const marker = /Sharper (\w+) (\S+)/.exec(String(e.PrivateNote ?? e.Notes ?? ''));
      const note = marker ? `${marker[1]} ${marker[2]}` : undefined;
      const key = note ?? (entity === 'Invoice' || entity === 'CreditMemo' ? String(e.DocNumber) : entity === 'Customer' ? String(e.DisplayName) : entity === 'Item' || entity === 'Account' ? String(e.Name) : undefined);
      if (!key) continue;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, n] of seen) if (n > 1) duplicates.push(`${entity} ${key} × ${n}`);
  }
  const stats = getStats(sim, realm) as { requests: number; meteredReads: number; throttled: number };
  const applications = listEntities(sim, realm, 'Payment').filter((p) => /Sharper credit_memo \S+$/.test(String(p.PrivateNote ?? ''))).length;
  return { arByCustomer: ar, duplicates, applications, requests: stats.requests, reads: stats.meteredReads, throttled: stats.throttled };
}

/**
 * Starts cron runs until one has jobs in flight, kills the Worker then, restarts it, and waits out
 * the claim lease and the run's hold on the company. Runs that stop at once (the Worker's limiter
 * still counts the previous runs' minute) are let finish and the next one is fired.
 */
export async function killMidBatch(call: Call, worker: { url: string; killAndRestart: () => Promise<void> }, co: ProofCompany, recoveryMs: number) {
  const deadline = performance.now() + 90_000;
  let inFlight = 0;
  let run: Promise<unknown> = Promise.resolve();
  while (inFlight === 0 && performance.now() < deadline) {
    await run;
    run = fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=0+*+*+*+*`).catch(() => undefined);
    for (let i = 0; i < 100 && inFlight === 0; i++) {
      inFlight = (await counts(call, co)).sending ?? 0;
      if (inFlight === 0) await new Promise((r) => setTimeout(r, 50));
    }
  }
  await worker.killAndRestart();
  await run;
  await new Promise((r) => setTimeout(r, recoveryMs));
  return inFlight;
}
