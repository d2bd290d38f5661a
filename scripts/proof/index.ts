/**
 * `npm run proof`: a marina year through the real Worker (workerd, local D1) into the QBO
 * simulator via the cron path and into the QuickBooks Desktop simulator via the Web Connector,
 * under a fault schedule; then per path: accepted, synced, held, failed (with reasons),
 * duplicates, lost, AR by customer against Sharper's to the cent, calls used, wall time.
 * `PROOF_SEED`, `PROOF_CUSTOMERS`, `PROOF_MONTHS` tune it.
 */
import { startQboSimulator } from '../../test/sim/qbo';
import { generateMarinaYear } from '../../test/fixtures/marina-year';
import { compareGl, qbdGl, qboGl, sharperGl } from './gl';
import { compareOpenInvoices, qbdOpenInvoices, qboOpenInvoices, sharperOpenInvoices } from './invoices';
import { causes, client, counts, createCompany, KILLED_RUN_RECOVERY_MS, push, startWorker } from './harness';
import { QBD_FAULTS, connectQbd, qbdBooks, webConnectorUntilDone } from './qbd-path';
import { QBO_FAULTS, connectQbo, cronUntilSettled, killMidBatch, qboBooks } from './qbo-path';

const SEED = Number(process.env.PROOF_SEED ?? 2026);
const CUSTOMERS = Number(process.env.PROOF_CUSTOMERS ?? 220);
const MONTHS = Number(process.env.PROOF_MONTHS ?? 12);

const fmt = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

function compareAr(sharper: Map<string, number>, qb: Map<string, number>) {
  const ids = new Set([...sharper.keys(), ...qb.keys()]);
  const diffs: string[] = [];
  let unexplained = 0;
  for (const id of ids) {
    const d = (sharper.get(id) ?? 0) - (qb.get(id) ?? 0);
    if (d !== 0) {
      diffs.push(`${id}: Sharper ${fmt(sharper.get(id) ?? 0)}, QuickBooks ${fmt(qb.get(id) ?? 0)}`);
      unexplained += Math.abs(d);
    }
  }
  return { customers: ids.size, differing: diffs.length, unexplainedCents: unexplained, examples: diffs.slice(0, 5) };
}

export interface PathResult {
  name: string;
  accepted: number;
  counts: Record<string, number>;
  causes: string[];
  duplicates: string[];
  lost: number;
  ar: ReturnType<typeof compareAr>;
  gl: ReturnType<typeof compareGl>;
  /** Each invoice's open balance (payments and credit memos applied) against Sharper's. */
  invoices: ReturnType<typeof compareOpenInvoices>;
  usage: string;
}

export interface ProofResult {
  seed: number;
  customers: number;
  months: number;
  wallSeconds: number;
  rejected: string[];
  faults: { qbo: string[]; qbd: string[] };
  /** What the year changes after it synced, by kind and operation (e.g. "payment change 6"). */
  afterSync: string[];
  paths: PathResult[];
}

/** Runs the proof and returns its figures (the npm script prints them; a test asserts on them). */
export async function runProof({ seed = SEED, customers = CUSTOMERS, months = MONTHS, log = (_: string) => {} } = {}): Promise<ProofResult> {
  const t0 = performance.now();
  const year = generateMarinaYear({ seed, customers, months });
  const sim = await startQboSimulator();
  const worker = await startWorker(sim.url);
  const call = client(worker.url);
  try {
    const qboCo = await createCompany(call, worker.adminToken, 'Harbor Point Marina (QBO proof)', 'qbo');
    const qbdCo = await createCompany(call, worker.adminToken, 'Harbor Point Marina (QBD proof)', 'qbd');
    const realm = await connectQbo(call, worker.url, qboCo, sim.state);
    const desktop = await connectQbd(call, worker.url, qbdCo);
    const acc = { qbo: 0, qbd: 0 };
    const rejected: string[] = [];
    const timing = { qbo: 0, qbd: 0 };
    let roundTrips = 0;
    let sessions = 0;
    let cronRuns = 0;
    let killedInFlight = 0;
    for (const month of year.months) {
      for (const [phase, ops] of [['month', month.operations], ['after sync', month.afterSync]] as const) {
        if (!ops.length) continue;
        const [a, b] = await Promise.all([push(call, qboCo, ops), push(call, qbdCo, ops)]);
        acc.qbo += a.accepted;
        acc.qbd += b.accepted;
        rejected.push(...a.rejected);
        const qboFault = phase === 'month' ? QBO_FAULTS.find((f) => f.month === month.month) : undefined;
        qboFault?.apply(sim.state, realm);
        let t = performance.now();
        if (qboFault?.killMidBatch) killedInFlight += await killMidBatch(call, worker, qboCo, KILLED_RUN_RECOVERY_MS);
        cronRuns += await cronUntilSettled(call, worker.url, qboCo, { concurrent: qboFault?.concurrentCron, qbo: { sim: sim.state, realm } });
        timing.qbo += performance.now() - t;
        const qbdFault = phase === 'month' ? QBD_FAULTS.find((f) => f.month === month.month) : undefined;
        t = performance.now();
        const wc = await webConnectorUntilDone(desktop, qbdFault?.faults(desktop.company) ?? []);
        timing.qbd += performance.now() - t;
        roundTrips += wc.roundTrips;
        sessions += wc.sessions;
      }
      log(`month ${month.month} done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    // One last quiet round, as the next hour's cron and the next Web Connector click would do.
    cronRuns += await cronUntilSettled(call, worker.url, qboCo, { qbo: { sim: sim.state, realm } });
    const wc = await webConnectorUntilDone(desktop);
    roundTrips += wc.roundTrips;
    sessions += wc.sessions;

    const qbo = qboBooks(sim.state, realm);
    const settings = sim.state.realms.get(realm)!.settings;
    const docs = year.months.flatMap((m) => m.operations).filter((o) => o.kind === 'invoice' || o.kind === 'credit_memo');
    const taxed = docs.filter((o) => Number((o.data as { tax?: string }).tax ?? 0) > 0).length;
    const company = `QBO company: ${settings.country}, ${settings.automatedSalesTax ? 'automated sales tax' : 'manual sales tax'}, requestids remembered ${settings.requestIdMemoryMs === null ? 'forever' : `${settings.requestIdMemoryMs / 60_000} min`}; invoices and credit memos sent: ${taxed} taxed, ${docs.length - taxed} untaxed`;
    const qbd = qbdBooks(desktop.company);
    const gl = sharperGl(year);
    // QuickBooks Desktop reports balances in each account's natural sign (credits positive for
    // income and liabilities); Sharper's ledger and the QBO postings are debit-positive.
    const credit = new Set(['Deferred Slip Revenue', 'Slip Rental Income', 'Transient Dockage', 'Campground Income', 'Fuel Sales', 'Service & Storage']);
    const glOf = { 'QuickBooks Online': compareGl(gl, qboGl(sim.state, realm)), 'QuickBooks Desktop': compareGl(gl, qbdGl(desktop.company), (n) => (credit.has(n) ? -1 : 1)) };
    const paths: PathResult[] = [];
    for (const [name, co, books, usage] of [
      ['QuickBooks Online', qboCo, qbo, `${company}\njobs in flight when the Worker was killed ${killedInFlight}; cron runs ${cronRuns}; credit memo applications ${qbo.applications}; API requests ${qbo.requests} (429s ${qbo.throttled}); metered read calls ${qbo.reads}; path time ${(timing.qbo / 1000).toFixed(1)} s`],
      ['QuickBooks Desktop', qbdCo, qbd, `Web Connector sessions ${sessions}; round trips ${roundTrips}; qbXML requests ${qbd.requests}; path time ${(timing.qbd / 1000).toFixed(1)} s`],
    ] as const) {
      const c = await counts(call, co);
      paths.push({
        name,
        accepted: name.includes('Online') ? acc.qbo : acc.qbd,
        counts: c,
        causes: await causes(call, co),
        duplicates: books.duplicates,
        lost: (c.queued ?? 0) + (c.waiting ?? 0) + (c.sending ?? 0),
        ar: compareAr(year.arByCustomer, books.arByCustomer),
        gl: glOf[name],
        invoices: compareOpenInvoices(sharperOpenInvoices(year), name === 'QuickBooks Online' ? qboOpenInvoices(sim.state, realm) : qbdOpenInvoices(desktop.company, year)),
        usage,
      });
    }
    return {
      seed,
      customers,
      months,
      wallSeconds: (performance.now() - t0) / 1000,
      rejected,
      afterSync: afterSyncSummary(year),
      faults: { qbo: QBO_FAULTS.filter((f) => f.month <= months).map((f) => `m${f.month} ${f.name}`), qbd: QBD_FAULTS.filter((f) => f.month <= months).map((f) => `m${f.month} ${f.name}`) },
      paths,
    };
  } finally {
    await worker.stop();
    await sim.close();
  }
}

/** "invoice void 12, invoice change 12, payment change 6, …": the records each month changes after its sync. */
function afterSyncSummary(year: ReturnType<typeof generateMarinaYear>): string[] {
  const counts = new Map<string, number>();
  for (const op of year.months.flatMap((m) => m.afterSync)) {
    const key = `${op.kind} ${(op as { op?: string }).op ?? 'change'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`);
}

export function printProof(r: ProofResult) {
  console.log(`\nProof: seed ${r.seed}, ${r.customers} customers, ${r.months} months; wall time ${r.wallSeconds.toFixed(1)} s`);
  console.log(`Fault schedule (QBO): ${r.faults.qbo.join('; ')}`);
  console.log(`Fault schedule (QBD): ${r.faults.qbd.join('; ')}`);
  console.log(`Changed after they synced: ${r.afterSync.join(', ')}`);
  if (r.rejected.length) console.log(`Rejected by the API: ${r.rejected.length} (e.g. ${r.rejected.slice(0, 3).join(' | ')})`);
  for (const p of r.paths) {
    console.log(`\n== ${p.name} ==`);
    console.log(`records accepted ${p.accepted}; jobs synced ${p.counts.synced}, held ${p.counts.held}, failed ${p.counts.failed}, superseded ${p.counts.superseded}`);
    for (const line of p.causes) console.log(`  ${line}`);
    console.log(`duplicates in QuickBooks: ${p.duplicates.length}${p.duplicates.length ? ` (${p.duplicates.slice(0, 5).join(', ')})` : ''}`);
    console.log(`lost (accepted, neither synced nor visibly held/failed): ${p.lost}`);
    console.log(`AR by customer: ${p.ar.customers} customers, ${p.ar.differing} differ, ${fmt(p.ar.unexplainedCents)} in absolute differences${p.ar.examples.length ? `; e.g. ${p.ar.examples.join(' | ')}` : ''}`);
    console.log(`GL by account: ${p.gl.accounts} accounts compared, ${p.gl.differing.length} differ${p.gl.differing.length ? `: ${p.gl.differing.join(' | ')}` : ''}`);
    console.log(`open balance by invoice (payments and credit memos applied): ${p.invoices.invoices} invoices, ${p.invoices.differing.length} differ${p.invoices.differing.length ? `: ${p.invoices.differing.slice(0, 5).join(' | ')}` : ''}`);
    console.log(p.usage);
  }
}

if (process.argv[1] && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1])) {
  runProof({ log: (line) => console.log(line) })
    .then(printProof)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
