/**
 * `npx tsx scripts/bench-qbwc.ts` (also run by `npm run bench`): pushes a 10,000-record backlog
 * through the Web Connector simulator and a simulated QuickBooks company file against a local
 * `wrangler dev` with its own database. Prints round trips against the goal ceil(N/50) + 2 and
 * against one request per call, wall time and records per second. Not a test: figures only.
 */
import { demoCompanyOperations } from '../test/fixtures/demo-company';
import { createQbdCompany } from '../test/sim/qbd/index';
import { ensureDevVars } from './lib/dev-vars';
import { startLocalWorker } from './lib/local-worker';
import { connect, describeCompanyFile, syncUntilNothingLeft } from './qbwc';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const PER_REQUEST = 1_000;
/** The local Worker's address, once it runs. */
let WORKER = '';

async function call(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(`${WORKER}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 800)}`);
  return JSON.parse(text);
}

async function main() {
  let customers = 50;
  while (demoCompanyOperations(7, customers).length < RECORDS) customers *= 2;
  const records = demoCompanyOperations(7, customers).slice(0, RECORDS);

  const vars = ensureDevVars();
  const worker = await startLocalWorker({ name: 'bench-qbwc' });
  WORKER = worker.url;
  try {
    const company = await call('POST', '/v1/admin/companies', vars.ADMIN_TOKEN, {
      name: 'Bench Marina (Desktop)',
      accountingSystem: 'qbd',
      settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200', defaultIncomeAccount: 'A-4000' },
    });
    const mms = (await call('POST', `/v1/admin/companies/${company.id}/mms-keys`, vars.ADMIN_TOKEN, {})).secret;
    const operator = (await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, vars.ADMIN_TOKEN, { label: 'bench', role: 'operator' })).secret;
    for (let i = 0; i < records.length; i += PER_REQUEST) {
      await call('POST', `/v1/companies/${company.id}/records/bulk`, mms, { records: records.slice(i, i + PER_REQUEST) });
    }
    const password = 'bench-qbwc-password-2026';
    await call('PUT', `/v1/companies/${company.id}/qbd/password`, operator, { password });
    const counts = await call('GET', `/v1/companies/${company.id}/jobs/counts`, operator);
    const conn = await connect(WORKER, company.id, operator, password);
    const qb = createQbdCompany({ companyName: 'Bench Marina', filePath: 'C:\\Company Files\\BenchMarina.QBW', schemaDir: null });

    const t0 = performance.now();
    const sessions = await syncUntilNothingLeft(conn, qb, (n, f) => {
      if (process.env.VERBOSE) console.log(`session ${n}: ${f.status} ${f.requests} requests in ${f.roundTrips} round trips, ${f.percent ?? '-'}%`);
    });
    const seconds = (performance.now() - t0) / 1000;
    const after = await call('GET', `/v1/companies/${company.id}/jobs/counts`, operator);
    const trips = sessions.reduce((n, s) => n + s.roundTrips, 0);
    const requests = sessions.reduce((n, s) => n + s.requests, 0);
    const n = records.length;
    console.log(`records: ${n}; jobs before: ${JSON.stringify(counts.byState)}`);
    console.log(`jobs after:  ${JSON.stringify(after.byState)}`);
    console.log(`round trips: ${trips} (${requests} qbXML requests, ${sessions.length} Web Connector sessions)`);
    console.log(`goal:        <= ceil(N/50) + 2 = ${Math.ceil(n / 50) + 2}  ${trips <= Math.ceil(n / 50) + 2 ? 'met' : 'NOT met'}`);
    console.log(`one request per call: N + 2 = ${n + 2} round trips (computed, not run: ${((n + 2) / trips).toFixed(1)}x as many)`);
    console.log(`wall time:   ${seconds.toFixed(1)} s, ${(n / seconds).toFixed(0)} records/s (Worker on wrangler dev + simulators in this process, 2 shared cores)`);
    console.log(`company file:\n${describeCompanyFile(qb).join('\n')}`);
  } finally {
    await worker.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
