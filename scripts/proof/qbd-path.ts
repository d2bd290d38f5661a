import { createQbdCompany, parseQwc, runWebConnector, type QbdCompany, type WebConnectorFault } from '../../test/sim/qbd';
import type { Call, ProofCompany } from './harness';

export const QBD_PASSWORD = 'proof-web-connector-2026';

/** The Desktop faults of the schedule (index = month − 1). */
export const QBD_FAULTS: { month: number; name: string; faults: (company: QbdCompany) => WebConnectorFault[] }[] = [
  { month: 2, name: 'Web Connector dies mid-session (after 2 answers)', faults: () => [{ kind: 'dieAfterReceives', receives: 2 }] },
  { month: 3, name: 'response lost (request 3 processed, answer never posted)', faults: () => [{ kind: 'loseResponse', request: 3 }] },
  { month: 4, name: 'QuickBooks busy at open', faults: () => [{ kind: 'busyAtOpen' }] },
  { month: 5, name: 'hresult after the write landed (COM error)', faults: (c) => (c.faults.failAfterCommit(1, { hresult: '0x80040408' }), []) },
  { month: 6, name: 'Web Connector dies after the first answer', faults: () => [{ kind: 'dieAfterReceives', receives: 1 }] },
];

export async function connectQbd(call: Call, worker: string, co: ProofCompany) {
  const pw = await call('PUT', `/v1/companies/${co.id}/qbd/password`, co.operator, { password: QBD_PASSWORD });
  if (pw.status !== 200) throw new Error(pw.text);
  // The Web Connector refuses IP-address URLs; the .qwc is fetched through "localhost".
  const qwc = parseQwc(await (await fetch(`${worker.replace('127.0.0.1', 'localhost')}/v1/companies/${co.id}/qbd/connection.qwc`, { headers: { authorization: `Bearer ${co.operator}` } })).text());
  const company = createQbdCompany({ companyName: 'Harbor Point Marina (proof)', filePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\HarborPointProof.QBW' });
  return { company, qwc, appUrl: `${worker}/qbwc` };
}

/** Clicks "Update" in the Web Connector until the Worker has nothing more for it. */
export async function webConnectorUntilDone(q: Awaited<ReturnType<typeof connectQbd>>, firstFaults: WebConnectorFault[] = [], max = 60) {
  let roundTrips = 0;
  let sessions = 0;
  for (let i = 0; i < max; i++) {
    const run = await runWebConnector({
      appUrl: q.appUrl,
      username: q.qwc.userName,
      password: QBD_PASSWORD,
      company: q.company,
      options: { ownerId: q.qwc.ownerId, fileId: q.qwc.fileId, faults: i === 0 ? firstFaults : [], noOpDelayMs: 5 },
    });
    sessions++;
    roundTrips += run.transcript.filter((t) => t.method === 'sendRequestXML').length;
    if (run.status === 'noWork') break;
  }
  return { sessions, roundTrips };
}

export function qbdBooks(company: QbdCompany) {
  const ar = new Map<string, number>();
  for (const c of company.lists('Customer')) {
    const cents = Math.round(Number(company.customerBalance(c.name)) * 100);
    if (cents) ar.set(c.name.replace(/^Customer /, ''), cents);
  }
  const duplicates: string[] = [];
  for (const kind of ['Invoice', 'CreditMemo'] as const) {
    const seen = new Map<string, number>();
    for (const t of company.txns(kind)) seen.set(String(t.refNumber), (seen.get(String(t.refNumber)) ?? 0) + 1);
    for (const [ref, n] of seen) if (n > 1) duplicates.push(`${kind} ${ref} × ${n}`);
  }
  return { arByCustomer: ar, duplicates, requests: company.requestLog.length };
}
