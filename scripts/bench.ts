/**
 * `npm run bench`: ingests 10,000 records through the bulk endpoint of a local Worker (workerd,
 * local D1) and, in the same run, inserts the same rows raw into D1 as the baseline. Prints
 * records per second for both, their ratio, and D1 statements per record. Not a test: figures only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { demoCompanyOperations } from '../test/fixtures/demo-company';
import { ensureDevVars } from './lib/dev-vars';
import { startLocalWorker } from './lib/local-worker';
import { BIN, ROOT, run } from './lib/processes';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const PER_REQUEST = 1_000;
/** The local Worker's address, once it runs. */
let WORKER = '';

async function post(url: string, token: string, body: unknown) {
  const res = await fetch(`${WORKER}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 800)}`);
  const json = JSON.parse(text);
  return { json, statements: Number(res.headers.get('x-d1-statements') ?? NaN) };
}

async function benchIngest(records: ReturnType<typeof demoCompanyOperations>, adminToken: string) {
  const company = (await post('/v1/admin/companies', adminToken, { name: 'Bench Marina', accountingSystem: 'qbd' })).json;
  const key = (await post(`/v1/admin/companies/${company.id}/mms-keys`, adminToken, {})).json.secret;
  let statements = 0;
  let accepted = 0;
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += PER_REQUEST) {
    const res = await post(`/v1/companies/${company.id}/records/bulk`, key, { records: records.slice(i, i + PER_REQUEST) });
    statements += res.statements;
    accepted += res.json.summary.accepted;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (accepted !== records.length) throw new Error(`only ${accepted} of ${records.length} accepted`);
  return { seconds, statements };
}

/** The baseline: the same rows, one plain INSERT each, sent to D1 in batches of 1,000. */
async function benchRawInsert(records: ReturnType<typeof demoCompanyOperations>) {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: false });
  try {
    const db = proxy.env.DB;
    await db.exec('CREATE TABLE IF NOT EXISTS bench_raw (company_id TEXT, kind TEXT, source_id TEXT, version INTEGER, data TEXT, PRIMARY KEY (company_id, kind, source_id, version))');
    const insert = db.prepare('INSERT INTO bench_raw (company_id, kind, source_id, version, data) VALUES (?, ?, ?, 1, ?)');
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += PER_REQUEST) {
      await db.batch(records.slice(i, i + PER_REQUEST).map((r) => insert.bind('bench', r.kind, r.id, JSON.stringify(r.data ?? null))));
    }
    return { seconds: (performance.now() - t0) / 1000 };
  } finally {
    await proxy.dispose();
  }
}

async function main() {
  let customers = 50;
  while (demoCompanyOperations(7, customers).length < RECORDS) customers *= 2;
  const records = demoCompanyOperations(7, customers).slice(0, RECORDS);
  const kinds = new Map<string, number>();
  for (const r of records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);

  const vars = ensureDevVars();
  const worker = await startLocalWorker({ name: 'bench' });
  WORKER = worker.url;
  try {
    // Warm both paths once so neither pays start-up costs inside the timing.
    await benchRawInsert(records.slice(0, 50));
    const raw = await benchRawInsert(records);
    const ingest = await benchIngest(records, vars.ADMIN_TOKEN);
    const rawRps = records.length / raw.seconds;
    const ingestRps = records.length / ingest.seconds;
    console.log(`records: ${records.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), ${PER_REQUEST} per request`);
    console.log(`raw D1 insert (baseline): ${raw.seconds.toFixed(2)} s, ${rawRps.toFixed(0)} records/s, 1.000 statements/record`);
    console.log(`bulk ingest via Worker:   ${ingest.seconds.toFixed(2)} s, ${ingestRps.toFixed(0)} records/s, ${(ingest.statements / records.length).toFixed(3)} statements/record (${ingest.statements} in all, incl. auth)`);
    console.log(`ratio ingest/raw: ${(ingestRps / rawRps).toFixed(2)} (goal >= 0.33)`);
  } finally {
    await worker.stop();
  }
}

/** The path benchmarks live in their own scripts; `npm run bench` runs them all, in turn. */
const PATH_BENCHES = ['scripts/bench-qbwc.ts', 'scripts/bench-qbxml-cpu.ts', 'scripts/bench-qbo.ts'];

async function runPathBenches() {
  for (const script of PATH_BENCHES) {
    if (!existsSync(path.join(ROOT, script))) continue;
    console.log(`\n== ${script} ==`);
    await run(BIN('tsx'), [script]);
  }
}

console.log('== bulk ingest ==');
main()
  .then(runPathBenches)
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
