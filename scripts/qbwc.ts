/**
 * `npm run qbwc`: plays the QuickBooks Web Connector against the local `npm start` Worker for the
 * demo Desktop company ("Harbor Point Marina (Desktop)"), with a simulated QuickBooks company file
 * behind it. Runs update sessions until the Worker has nothing left, printing each session's
 * requests, round trips and final percent, then what the company file holds.
 *
 * The simulated company file lives in this process only: a second run starts from an empty file,
 * so run it once per `npm start` database (or delete `.wrangler/` for a fresh demo).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createQbdCompany, parseQwc, runWebConnector, type QbdCompany, type WebConnectorResult } from '../test/sim/qbd/index';
import { ROOT } from './lib/processes';

const WORKER_PORT = Number(process.env.PORT ?? 8787);
const CREDENTIALS_FILE = path.join(ROOT, '.wrangler', 'demo-credentials.json');

export interface SessionFigures {
  status: WebConnectorResult['status'];
  /** qbXML request messages answered (one sendRequestXML → receiveResponseXML round trip each). */
  roundTrips: number;
  requests: number;
  percent: number | null;
  lastError?: string;
}

/** Per-session figures from a Web Connector transcript. */
export function figuresOf(run: WebConnectorResult): SessionFigures {
  const messages = run.transcript.filter((t) => t.method === 'sendRequestXML' && typeof t.result === 'string' && t.result !== '');
  const receives = run.transcript.filter((t) => t.method === 'receiveResponseXML' && typeof t.result === 'number');
  return {
    status: run.status,
    roundTrips: messages.length,
    requests: messages.reduce((n, t) => n + ((t.result as string).match(/Rq requestID="/g)?.length ?? 0), 0),
    percent: receives.length ? (receives.at(-1)!.result as number) : null,
    lastError: run.lastError,
  };
}

export interface Connection {
  appUrl: string;
  username: string;
  password: string;
  ownerId: string;
  fileId: string;
}

/** Reads a company's .qwc through "localhost" (QBWC refuses IP-address URLs) and returns what a run needs. */
export async function connect(base: string, companyId: string, operatorToken: string, password: string): Promise<Connection> {
  const local = base.replace('127.0.0.1', 'localhost');
  const res = await fetch(`${local}/v1/companies/${companyId}/qbd/connection.qwc`, { headers: { authorization: `Bearer ${operatorToken}` } });
  if (!res.ok) throw new Error(`.qwc: ${res.status} ${await res.text()}`);
  const qwc = parseQwc(await res.text());
  return { appUrl: `${base}/qbwc`, username: qwc.userName, password, ownerId: qwc.ownerId, fileId: qwc.fileId };
}

/** Clicks "Update Selected" until the Worker answers that there is nothing to do (or `max` runs). */
export async function syncUntilNothingLeft(conn: Connection, company: QbdCompany, onSession: (n: number, f: SessionFigures) => void, max = 50): Promise<SessionFigures[]> {
  const all: SessionFigures[] = [];
  for (let n = 1; n <= max; n++) {
    const run = await runWebConnector({ appUrl: conn.appUrl, username: conn.username, password: conn.password, company, options: { ownerId: conn.ownerId, fileId: conn.fileId, noOpDelayMs: 100 } });
    const f = figuresOf(run);
    all.push(f);
    onSession(n, f);
    if (run.status !== 'done') break;
  }
  return all;
}

/** One line per list/transaction type the company file holds. */
export function describeCompanyFile(company: QbdCompany): string[] {
  const lists = ['Account', 'StandardTerms', 'ItemSalesTax', 'ItemService', 'ItemNonInventory', 'ItemInventory', 'Customer'] as const;
  const txns = ['Invoice', 'ReceivePayment', 'CreditMemo', 'Check', 'ARRefundCreditCard', 'JournalEntry'] as const;
  return [...lists, ...txns].map((k) => `  ${k.padEnd(20)} ${company.count(k)}`);
}

async function main() {
  if (!existsSync(CREDENTIALS_FILE)) throw new Error(`No ${path.relative(ROOT, CREDENTIALS_FILE)}: run \`npm start\` first (in another terminal).`);
  const creds = JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8'));
  if (!creds.desktop) throw new Error('The demo credentials have no Desktop company: restart `npm start` (it adds one).');
  const base = `http://127.0.0.1:${WORKER_PORT}`;
  const conn = await connect(base, creds.desktop.companyId, creds.desktop.operatorToken, creds.desktop.qbwcPassword);
  const company = createQbdCompany({ companyName: 'Harbor Point Marina', filePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\HarborPointMarina.QBW' });
  console.log(`Web Connector → ${conn.appUrl} as ${conn.username}, company file ${company.info.filePath}`);
  const t0 = performance.now();
  const sessions = await syncUntilNothingLeft(conn, company, (n, f) =>
    console.log(`session ${n}: ${f.status.padEnd(7)} ${String(f.requests).padStart(5)} requests in ${String(f.roundTrips).padStart(3)} round trips, ${f.percent ?? '-'}%${f.status !== 'done' && f.lastError ? ` — ${f.lastError}` : ''}`),
  );
  const requests = sessions.reduce((n, s) => n + s.requests, 0);
  const trips = sessions.reduce((n, s) => n + s.roundTrips, 0);
  console.log(`\n${requests} requests in ${trips} round trips over ${sessions.length} sessions, ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  console.log(`The company file now holds:\n${describeCompanyFile(company).join('\n')}`);
  console.log(`\nSync log: ${base}/app (operator token in ${path.relative(ROOT, CREDENTIALS_FILE)}).`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
