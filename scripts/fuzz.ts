/**
 * `npm run fuzz`: a seeded, time-boxed fuzz run against a local Worker (workerd, local D1):
 * at least 10,000 generated inputs across the ingest API, /qbwc (SOAP envelopes and qbXML
 * answers) and the QBO webhook. Fails on any 5xx other than a SOAP fault, and on any change to
 * records that no accepted request touched. `FUZZ_SEED`, `FUZZ_INPUTS`, `FUZZ_SECONDS` tune it.
 */
import { DEMO_LISTS, demoCompanyOperations } from '../test/fixtures/demo-company';
import { createFuzzer } from '../test/fuzz/mutate';
import { ensureDevVars } from './lib/dev-vars';
import { startLocalWorker } from './lib/local-worker';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 10_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 600);
/** The local Worker's address, once it runs. */
let URL_BASE = '';
const SLUGS: Record<string, string> = { account: 'accounts', terms: 'terms', sales_tax_item: 'sales-tax-items', customer: 'customers', item: 'items', invoice: 'invoices', payment: 'payments', credit_memo: 'credit-memos', refund: 'refunds', journal_entry: 'journal-entries' };

async function http(method: string, p: string, init: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${URL_BASE}${p}`, { method, body: init.body, headers: { ...(init.token && { authorization: `Bearer ${init.token}` }), ...init.headers } });
  return { status: res.status, text: await res.text() };
}

async function main() {
  const vars = ensureDevVars();
  const worker = await startLocalWorker({ name: 'fuzz' });
  URL_BASE = worker.url;
  try {
    const admin = vars.ADMIN_TOKEN;
    const company = JSON.parse((await http('POST', '/v1/admin/companies', { token: admin, body: JSON.stringify({ name: 'Fuzz Marina', accountingSystem: 'qbd' }) })).text);
    const mms = JSON.parse((await http('POST', `/v1/admin/companies/${company.id}/mms-keys`, { token: admin, body: '{}' })).text).secret;
    const viewer = JSON.parse((await http('POST', `/v1/admin/companies/${company.id}/user-tokens`, { token: admin, body: JSON.stringify({ label: 'fuzz', role: 'viewer' }) })).text).secret;
    const seedOps = demoCompanyOperations(3, 6);
    await http('POST', `/v1/companies/${company.id}/records/bulk`, { token: mms, body: JSON.stringify({ records: seedOps }) });
    const snapshot = async () => (await http('GET', `/v1/companies/${company.id}/jobs/export.csv`, { token: viewer })).text.split('\r\n').map((l) => l.replace(/,[^,]*$/, ''));
    const before = new Set(await snapshot());

    const fuzz = createFuzzer(SEED);
    const statuses = new Map<string, number>();
    const touched = new Set<string>();
    const failures: string[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    let sent = 0;
    for (; sent < INPUTS && Date.now() < deadline; sent++) {
      const target = fuzz.pick(['ingest', 'ingest', 'bulk', 'qbwc', 'webhook'] as const);
      const op = fuzz.pick([...seedOps, ...DEMO_LISTS]);
      let res: { status: number; text: string };
      let input: string;
      if (target === 'ingest') {
        input = JSON.stringify(fuzz.mutate(op.data)) ?? 'null';
        res = await http('PUT', `/v1/companies/${company.id}/records/${SLUGS[op.kind]}/${op.id}`, { token: mms, body: fuzz.int(5) === 0 ? input.slice(0, fuzz.int(input.length)) : input });
      } else if (target === 'bulk') {
        input = JSON.stringify(fuzz.mutate({ records: [{ kind: op.kind, id: op.id, data: op.data }] })) ?? 'null';
        res = await http('POST', `/v1/companies/${company.id}/records/bulk`, { token: mms, body: input });
      } else if (target === 'qbwc') {
        const method = fuzz.pick(['authenticate', 'sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection', 'nope']);
        const text = () => String(fuzz.weirdValue()).replace(/&/g, '&amp;').replace(/</g, '&lt;');
        input = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="http://developer.intuit.com/"><ticket>${text()}</ticket><strUserName>${text()}</strUserName><strPassword>${text()}</strPassword><response>${text()}</response></${method}></soap:Body></soap:Envelope>`;
        res = await http('POST', '/qbwc', { body: fuzz.int(3) === 0 ? input.slice(0, fuzz.int(input.length)) : input, headers: { 'content-type': 'text/xml' } });
      } else {
        input = JSON.stringify(fuzz.mutate({ eventNotifications: [{ realmId: '123', dataChangeEvent: { entities: [{ name: 'Invoice', id: '1', operation: 'Update', lastUpdated: '2026-03-01T00:00:00Z' }] } }] }));
        res = await http('POST', '/v1/qbo/webhooks', { body: input, headers: { 'content-type': 'application/json', 'intuit-signature': String(fuzz.weirdValue()).replace(/[^\x20-\x7e]/g, '?').slice(0, 60) } });
      }
      const key = `${target} ${res.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const soapFault = target === 'qbwc' && res.status === 500 && res.text.includes('<faultcode>soap:Client</faultcode>');
      if (res.status >= 500 && !soapFault) failures.push(`${target} ${res.status}: ${input.slice(0, 200)} -> ${res.text.slice(0, 200)}`);
      if (res.status < 300 && (target === 'ingest' || target === 'bulk')) {
        const parsed = JSON.parse(res.text);
        for (const r of parsed.results ?? [parsed]) if (r.ok && r.outcome !== 'unchanged') touched.add(`${r.kind},${r.id}`);
      }
    }
    const changed = (await snapshot()).filter((l) => !before.has(l)).filter((l) => !touched.has(l.split(',').slice(3, 5).join(',')));
    console.log(`seed ${SEED}: ${sent} inputs in ${SECONDS}s budget`);
    for (const [k, n] of [...statuses].sort()) console.log(`  ${k}: ${n}`);
    console.log(`5xx (not SOAP faults): ${failures.length}; job lines changed by rejected input: ${changed.length}`);
    for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
    for (const c of changed.slice(0, 10)) console.log(`  changed: ${c}`);
    if (failures.length || changed.length) process.exitCode = 1;
  } finally {
    await worker.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
