/**
 * `npx tsx scripts/bench-qbo.ts`: a 10,000-invoice backlog (plus the lists and 500 customers it
 * needs) pushed into the QBO simulator with Intuit's per-realm limits on (500 requests/min, 40
 * batches/min, 10 in flight), by the Worker's real sync code (`syncCompany`, run in Node on a local
 * D1 from wrangler's platform proxy) and, in the same run against the same simulator, by a plain
 * client that sends one request per record. Time is simulated: processing runs in real time, and
 * waits for a rate-limit window are skipped on a clock shared by both clients and the simulator.
 * Prints records per write request, metered reads per 1,000 records and wall time over the floor
 * the limits allow. Not a test: figures only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { createRealm, getStats, startQboSimulator } from '../test/sim/qbo';
import { demoCompanyOperations, DEMO_LISTS, type DemoOperation } from '../test/fixtures/demo-company';
import { app } from '../worker/app';
import { loadConfig } from '../worker/config';
import { createDb } from '../worker/db/client';
import { QboApi } from '../worker/qbo/api/client';
import { QBO_LIMITS } from '../worker/qbo/api/limiter';
import { entityBody, qboEntityOf, RefResolver } from '../worker/qbo/mappers';
import { syncCompany } from '../worker/qbo';
import type { RecordKind } from '../worker/db/schema/enums';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 10_000);
const CUSTOMERS = 500;
const BATCH = 30;
const ORIGIN = 'http://bench.local';

/** Real time plus the rate-limit waits that were skipped; the simulator runs on the same clock. */
function simulatedTime() {
  const start = Date.now();
  let skipped = 0;
  const clock = () => Date.now() + skipped;
  const sleep = async (ms: number) => {
    // Short waits (the in-flight poll) are real: a jumping clock would spin on them.
    if (ms < 50) return new Promise<void>((r) => setTimeout(r, ms));
    const target = clock() + ms;
    // Let answers already on their way arrive first (in real time they take ~0.1 s of a minute's
    // wait); skipping over them would stamp them a minute late.
    await new Promise<void>((r) => setTimeout(r, 25));
    if (target > clock()) skipped += target - clock();
  };
  return { clock, sleep, start };
}

function backlog(): DemoOperation[] {
  const customers = demoCompanyOperations(7, CUSTOMERS).filter((o) => o.kind === 'customer');
  const slips = [['P-SLIP30', 90000], ['P-SLIP40', 120000], ['P-SLIP50', 155000]] as const;
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const invoices: DemoOperation[] = [];
  for (let i = 0; i < INVOICES; i++) {
    const c = i % CUSTOMERS;
    const [item, price] = slips[c % 3];
    const exempt = c % 17 === 0;
    const tax = exempt ? 0 : Math.round(price * 0.06);
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / CUSTOMERS) % 12);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    invoices.push({
      kind: 'invoice',
      id: `INV-${100001 + i}`,
      data: {
        customer: customers[c].id,
        date,
        docNumber: String(100001 + i),
        terms: 'T-NET15',
        taxItem: 'TX-FL',
        lines: [{ item, description: `Slip rental ${date.slice(0, 7)}`, quantity: '1', rate: money(price), amount: money(price), taxable: !exempt }],
        tax: money(tax),
        total: money(price + tax),
      },
    });
  }
  return [...DEMO_LISTS.filter((o) => (o.data as any)?.active !== false), ...customers, ...invoices];
}

async function applyMigrations(db: D1Database) {
  const dir = path.join(import.meta.dirname, '..', 'migrations');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const stmt of readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint')) if (stmt.trim()) await db.prepare(stmt).run();
  }
}

/** Write and read requests the simulator saw for a realm (OAuth calls are not API requests). */
function requestsOf(sim: Awaited<ReturnType<typeof startQboSimulator>>, realm: string) {
  const s = getStats(sim.state, realm) as any;
  const byEndpoint = s.byEndpoint as Record<string, number>;
  const readRequests = Object.entries(byEndpoint).filter(([k]) => k.startsWith('GET ') || k === 'POST /query').reduce((a, [, n]) => a + n, 0);
  return { write: s.requests - readRequests, readRequests, meteredReads: s.meteredReads as number, throttled: s.throttled as number, stats: s };
}

/** The floor: the write requests the records need at 30 per batch, at 40 batches/min and 500 requests/min. */
function floorMs(records: number) {
  const batches = Math.ceil(records / BATCH);
  return Math.max(Math.floor((batches - 1) / QBO_LIMITS.batchesPerMinute), Math.floor((batches - 1) / QBO_LIMITS.requestsPerMinute)) * 60_000;
}

async function runWorker(ops: DemoOperation[], env: Record<string, unknown>, sim: Awaited<ReturnType<typeof startQboSimulator>>, time: ReturnType<typeof simulatedTime>) {
  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await app.request(`${ORIGIN}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' }, env);
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  const admin = env.ADMIN_TOKEN as string;
  const company = await call('POST', '/v1/admin/companies', admin, { name: 'Bench Marina (QBO)', accountingSystem: 'qbo' });
  const mms = (await call('POST', `/v1/admin/companies/${company.id}/mms-keys`, admin, {})).secret;
  const operator = (await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, admin, { label: 'Bench', role: 'operator' })).secret;
  for (let i = 0; i < ops.length; i += 1000) await call('POST', `/v1/companies/${company.id}/records/bulk`, mms, { records: ops.slice(i, i + 1000) });
  const realm = createRealm(sim.state, {}).id;
  const started = await call('GET', `/v1/companies/${company.id}/qbo/connect?environment=sandbox&format=json`, operator);
  const url = new URL(started.authorizeUrl);
  url.searchParams.set('realmId', realm);
  const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
  await app.request(`${ORIGIN}/v1/qbo/oauth/callback${back.search}`, {}, env);

  const db = createDb(env.DB as D1Database);
  const config = loadConfig(env as unknown as Env);
  const t0 = time.clock();
  let runs = 0;
  let synced = 0;
  const pending = async () =>
    Number((await (env.DB as D1Database).prepare(`SELECT COUNT(*) AS n FROM jobs WHERE company_id = ? AND target = 'qbo' AND state IN ('queued', 'sending')`).bind(company.id).first<{ n: number }>())?.n);
  // One run drains it (its time box is an hour); more only if a run was cut short.
  while (runs < 10 && (await pending()) > 0) {
    const r = await syncCompany({ db, config, companyId: company.id, budgetMs: 3_600_000, clock: time.clock, sleep: time.sleep });
    runs += 1;
    synced += r.counts?.synced ?? 0;
  }
  const wallMs = time.clock() - t0;
  const push = requestsOf(sim, realm);
  // The next hourly run: its CDC read sees the whole backlog (the Worker's own writes, not drift).
  const next = await syncCompany({ db, config, companyId: company.id, budgetMs: 3_600_000, clock: time.clock, sleep: time.sleep });
  const after = requestsOf(sim, realm);
  const invoicesInQbo = [...(sim.state.realms.get(realm)!.entities.get('Invoice')?.values() ?? [])].filter((s) => !s.deleted).length;
  return { synced, wallMs, push, after, runs, nextDrift: next.drift, invoicesInQbo };
}

async function naiveToken(simUrl: string, realm: string): Promise<string> {
  const redirect = 'http://naive.local/cb';
  const consent = await fetch(`${simUrl}/connect/oauth2?client_id=sim-client-id&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=com.intuit.quickbooks.accounting&state=s&realmId=${realm}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${simUrl}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa('sim-client-id:sim-client-secret')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** One create per record, in dependency order, 10 at a time, under the same limiter (no batch, no CDC). */
async function runNaive(ops: DemoOperation[], sim: Awaited<ReturnType<typeof startQboSimulator>>, time: ReturnType<typeof simulatedTime>) {
  const realm = createRealm(sim.state, {}).id;
  const token = await naiveToken(sim.url, realm);
  const api = new QboApi({ baseUrl: sim.url, realmId: realm, getToken: async () => ({ token, version: 1 }), clock: time.clock, sleep: time.sleep, retryBaseMs: 1000 });
  const ids = new Map<string, string>();
  const lookup = (kind: RecordKind, id: string) => ids.get(`${kind}:${id}`);
  let failed = 0;
  const send = async (op: DemoOperation) => {
    const kind = op.kind as RecordKind;
    let res;
    if (kind === 'sales_tax_item') {
      const d = op.data as any;
      const agency = await api.call({ method: 'POST', path: '/taxagency', query: { requestid: `na-${op.id}` }, body: { DisplayName: d.agency }, read: false });
      const agencyId = agency.kind === 'ok' ? agency.json.TaxAgency.Id : '1';
      res = await api.call({ method: 'POST', path: '/taxservice/taxcode', query: { requestid: `nt-${op.id}` }, body: { TaxCode: d.name, TaxRateDetails: [{ TaxRateName: d.name, RateValue: d.rate, TaxAgencyId: agencyId, TaxApplicableOn: 'Sales' }] }, read: false });
      if (res.kind === 'ok') ids.set(`${kind}:${op.id}`, String(res.json.TaxCodeId));
    } else {
      const entity = qboEntityOf[kind];
      const body = entityBody({ kind, sourceId: op.id, data: normalize(op) }, new RefResolver(lookup), {});
      res = await api.call({ method: 'POST', path: `/${entity.toLowerCase()}`, query: { requestid: `n-${op.id}` }, body, read: false });
      if (res.kind === 'ok') ids.set(`${kind}:${op.id}`, String(res.json[entity].Id));
    }
    if (res.kind !== 'ok') failed += 1;
  };
  const t0 = time.clock();
  const lists = ops.filter((o) => o.kind !== 'invoice');
  for (const op of lists) await send(op);
  const invoices = ops.filter((o) => o.kind === 'invoice');
  let next = 0;
  await Promise.all(Array.from({ length: QBO_LIMITS.concurrent }, async () => {
    while (next < invoices.length) await send(invoices[next++]);
  }));
  return { wallMs: time.clock() - t0, sent: ops.length, failed, requests: requestsOf(sim, realm) };
}

/** The ledger's money is cents; the fixture writes decimal strings (the ingest API parses them). */
function normalize(op: DemoOperation): unknown {
  const toCents = (v: unknown) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Math.round(Number(v) * 100) : v);
  const d = structuredClone(op.data) as any;
  if (op.kind === 'item') d.price = toCents(d.price);
  if (op.kind === 'invoice') {
    d.tax = toCents(d.tax);
    d.total = toCents(d.total);
    d.lines = d.lines.map((l: any) => ({ ...l, amount: toCents(l.amount) }));
  }
  return d;
}

async function main() {
  const time = simulatedTime();
  const sim = await startQboSimulator({ clock: () => new Date(time.clock()) });
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: false });
  try {
    await applyMigrations(proxy.env.DB);
    const env = {
      DB: proxy.env.DB,
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      ENVIRONMENT: 'bench',
      QBO_API_BASE: sim.url,
      QBO_OAUTH_BASE: sim.url,
      QBO_CLIENT_ID: 'sim-client-id',
      QBO_CLIENT_SECRET: 'sim-client-secret',
      QBO_REDIRECT_URI: `${ORIGIN}/v1/qbo/oauth/callback`,
    };
    const ops = backlog();
    console.log(`backlog: ${INVOICES} invoices + ${ops.length - INVOICES} lists and customers = ${ops.length} records; limits ${JSON.stringify(QBO_LIMITS)}, ${BATCH} per batch`);
    const real = Date.now();
    const worker = await runWorker(ops, env, sim, time);
    const naive = await runNaive(ops, sim, time);
    const floor = floorMs(ops.length);
    const per1k = (n: number, records: number) => ((n * 1000) / records).toFixed(2);
    const rows: [string, string, string][] = [
      ['records synced', String(worker.synced), String(naive.sent - naive.failed)],
      ['invoices in QBO', String(worker.invoicesInQbo), String(INVOICES)],
      ['write requests', String(worker.push.write), String(naive.requests.write)],
      ['records per write request (goal >= 25)', (worker.synced / worker.push.write).toFixed(1), ((naive.sent - naive.failed) / naive.requests.write).toFixed(1)],
      ['metered reads, push run', String(worker.push.meteredReads), String(naive.requests.meteredReads)],
      ['metered reads incl. next run (CDC of the backlog)', String(worker.after.meteredReads), '-'],
      ['metered reads per 1,000 records (goal <= 2)', per1k(worker.after.meteredReads, worker.synced), per1k(naive.requests.meteredReads, naive.sent)],
      ['429s', String(worker.after.throttled), String(naive.requests.throttled)],
      ['wall time (simulated), min', (worker.wallMs / 60_000).toFixed(2), (naive.wallMs / 60_000).toFixed(2)],
      ['floor the limits allow, min', (floor / 60_000).toFixed(2), (floor / 60_000).toFixed(2)],
      ['wall time / floor (goal <= 1.15)', (worker.wallMs / floor).toFixed(3), (naive.wallMs / floor).toFixed(3)],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n${'metric'.padEnd(w)}  ${'Worker (batch)'.padStart(15)}  ${'one per record'.padStart(15)}`);
    for (const [k, a, b] of rows) console.log(`${k.padEnd(w)}  ${a.padStart(15)}  ${b.padStart(15)}`);
    console.log(`\nWorker: ${worker.runs} sync run(s) to drain; next run's drift check: ${JSON.stringify(worker.nextDrift?.counts)} in ${worker.nextDrift?.calls} CDC call(s)`);
    console.log(`real time for the whole benchmark: ${((Date.now() - real) / 1000).toFixed(0)} s`);
  } finally {
    await proxy.dispose();
    await sim.close();
  }
}

await main();
