/**
 * `npm start`: the local demo. Applies migrations to the local D1, starts the QBO simulator and
 * the Worker (workerd via wrangler dev), seeds a demo marina once, and prints URLs and tokens.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoCompanyOperations } from '../test/fixtures/demo-company';
import { ensureDevVars } from './lib/dev-vars';
import { BIN, ROOT, run, startService, stop, waitForHttp } from './lib/processes';

const WORKER_PORT = Number(process.env.PORT ?? 8787);
const QBO_SIM_PORT = Number(process.env.QBO_SIM_PORT ?? 8788);
const DEMO_REALM = '9130350000000001';
const WORKER = `http://127.0.0.1:${WORKER_PORT}`;
const CREDENTIALS_FILE = path.join(ROOT, '.wrangler', 'demo-credentials.json');

interface DemoCredentials {
  companyId: string;
  mmsKey: string;
  viewerToken: string;
  operatorToken: string;
  /** The same marina on QuickBooks Desktop, synced by `npm run qbwc` (the Web Connector simulator). */
  desktop?: { companyId: string; mmsKey: string; operatorToken: string; qbwcPassword: string };
}

// The Worker's JSON answers are read loosely here: this script only prints and forwards them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, url: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(`${WORKER}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The Desktop twin: same records, a random Web Connector password (saved with the other demo secrets). */
async function seedDesktopDemo(adminToken: string): Promise<NonNullable<DemoCredentials['desktop']>> {
  const company = await call('POST', '/v1/admin/companies', adminToken, {
    name: 'Harbor Point Marina (Desktop)',
    accountingSystem: 'qbd',
    closingDate: '2025-12-31',
    settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200', defaultIncomeAccount: 'A-4000' },
  });
  const mms = await call('POST', `/v1/admin/companies/${company.id}/mms-keys`, adminToken, { label: 'Sharper MMS (demo)' });
  const operator = await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, adminToken, { label: 'Demo controller', role: 'operator' });
  const result = await call('POST', `/v1/companies/${company.id}/records/bulk`, mms.secret, { records: demoCompanyOperations() });
  const qbwcPassword = randomBytes(18).toString('base64url');
  await call('PUT', `/v1/companies/${company.id}/qbd/password`, operator.secret, { password: qbwcPassword });
  console.log(`Seeded ${result.summary.accepted} records for ${company.name}.`);
  return { companyId: company.id, mmsKey: mms.secret, operatorToken: operator.secret, qbwcPassword };
}

async function seedDemo(adminToken: string): Promise<DemoCredentials> {
  if (existsSync(CREDENTIALS_FILE)) {
    const saved = JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as DemoCredentials;
    const companies = await call('GET', '/v1/admin/companies', adminToken);
    const ids = new Set(companies.companies.map((c: { id: string }) => c.id));
    if (ids.has(saved.companyId)) {
      if (saved.desktop && ids.has(saved.desktop.companyId)) return saved;
      const withDesktop = { ...saved, desktop: await seedDesktopDemo(adminToken) };
      writeFileSync(CREDENTIALS_FILE, JSON.stringify(withDesktop, null, 2), { mode: 0o600 });
      return withDesktop;
    }
  }
  const company = await call('POST', '/v1/admin/companies', adminToken, {
    name: 'Harbor Point Marina & RV Resort',
    accountingSystem: 'qbo',
    closingDate: '2025-12-31',
    settings: { arAccount: 'A-1100', undepositedFundsAccount: 'A-1200', defaultIncomeAccount: 'A-4000' },
    openInSharperUrlTemplate: 'https://sharper.example.com/{kind}/{id}',
  });
  const mms = await call('POST', `/v1/admin/companies/${company.id}/mms-keys`, adminToken, { label: 'Sharper MMS (demo)' });
  const viewer = await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, adminToken, { label: 'Demo bookkeeper', role: 'viewer' });
  const operator = await call('POST', `/v1/admin/companies/${company.id}/user-tokens`, adminToken, { label: 'Demo controller', role: 'operator' });
  const ops = demoCompanyOperations();
  const result = await call('POST', `/v1/companies/${company.id}/records/bulk`, mms.secret, { records: ops });
  console.log(`Seeded ${result.summary.accepted} records (${result.summary.rejected} rejected) for ${company.name}.`);
  const creds = { companyId: company.id, mmsKey: mms.secret, viewerToken: viewer.secret, operatorToken: operator.secret, desktop: await seedDesktopDemo(adminToken) };
  mkdirSync(path.dirname(CREDENTIALS_FILE), { recursive: true });
  writeFileSync(CREDENTIALS_FILE, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}

/** The simulator keeps its company in memory: connect the QBO demo company to it on every start. */
async function connectDemoToSimulator(creds: DemoCredentials): Promise<string> {
  const started = await call('GET', `/v1/companies/${creds.companyId}/qbo/connect?environment=sandbox&format=json`, creds.operatorToken);
  const authorize = new URL(started.authorizeUrl);
  authorize.searchParams.set('realmId', DEMO_REALM);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`the QBO simulator did not redirect back (${consent.status})`);
  const done = await fetch(callback);
  if (!done.ok) throw new Error(`OAuth callback: ${done.status} ${await done.text()}`);
  return DEMO_REALM;
}

async function main() {
  const vars = ensureDevVars();
  console.log('Applying D1 migrations to the local database…');
  await run(BIN('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local'], { quiet: true });

  const qboSim = existsSync(path.join(ROOT, 'test/sim/qbo/cli.ts'))
    ? startService('qbo-sim', BIN('tsx'), ['test/sim/qbo/cli.ts', '--port', String(QBO_SIM_PORT)])
    : undefined;
  const worker = startService('worker', BIN('wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(WORKER_PORT), '--var', `QBO_API_BASE:http://127.0.0.1:${QBO_SIM_PORT}`], { quiet: !process.env.VERBOSE });
  const shutdown = async () => {
    await Promise.all([stop(worker), stop(qboSim)]);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  worker.on('exit', (code) => {
    console.error(`wrangler dev exited (${code}); run with VERBOSE=1 to see its output.`);
    void shutdown();
  });

  await waitForHttp(`${WORKER}/health`);
  if (qboSim) await waitForHttp(`http://127.0.0.1:${QBO_SIM_PORT}/__sim/health`, 30_000).catch((e) => console.warn(`QBO simulator: ${e.message}`));
  const creds = await seedDemo(vars.ADMIN_TOKEN);
  const realm = qboSim ? await connectDemoToSimulator(creds).catch((e: Error) => (console.warn(`Could not connect the demo to the QBO simulator: ${e.message}`), null)) : null;
  if (realm) console.log(`The QuickBooks Online demo company is connected to the simulator (company ${realm}); run the hourly cron (below) to sync it.`);
  const co = creds.companyId;
  console.log(`
Sharper Sync is running.

  Worker            ${WORKER}
  API document      ${WORKER}/openapi.json
  QBO simulator     http://127.0.0.1:${QBO_SIM_PORT}
  Demo company      ${co}  (Harbor Point Marina & RV Resort, QuickBooks Online)
  Desktop company   ${creds.desktop!.companyId}  (Harbor Point Marina (Desktop), QuickBooks Desktop)
    .qwc file       curl -s -H "authorization: Bearer ${creds.desktop!.operatorToken}" http://localhost:${WORKER_PORT}/v1/companies/${creds.desktop!.companyId}/qbd/connection.qwc
    Web Connector   password ${creds.desktop!.qbwcPassword}   (npm run qbwc syncs it into a simulated company file)

  Admin token       ${vars.ADMIN_TOKEN}          (from .dev.vars)
  MMS API key       ${creds.mmsKey}
  Viewer token      ${creds.viewerToken}
  Operator token    ${creds.operatorToken}

Try:
  curl -s -H "authorization: Bearer ${creds.viewerToken}" ${WORKER}/v1/companies/${co}/jobs/counts
  curl -s -H "authorization: Bearer ${creds.viewerToken}" "${WORKER}/v1/companies/${co}/jobs?state=held"
  curl -s -H "authorization: Bearer ${creds.viewerToken}" ${WORKER}/v1/companies/${co}/jobs/export.csv
  curl -s "${WORKER}/cdn-cgi/handler/scheduled?cron=0+*+*+*+*"     (run the hourly cron now)

Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
