/**
 * CPU spent turning records into qbXML and reading QuickBooks' answers, per record, as a ratio
 * to JSON.stringify + JSON.parse of the same records in the same run (issue goal: ≤ 3). The
 * answers are what QuickBooks sends back for an Add: the fields echoed inside a *Ret with ids.
 */
import { buildJobRequests } from '../worker/qbd/qbxml/build';
import { fakeRefs as refs, toBuildJobs } from '../worker/qbd/qbxml/fixtures.test-support';
import { qbxmlMessage, QBXML_TARGET } from '../worker/qbd/qbxml/message';
import { parseQbxmlResponse } from '../worker/qbd/qbxml/response';
import { generateMarinaYear } from '../test/fixtures/marina-year';

const RUNS = 9;
const N = Number(process.env.BENCH_RECORDS ?? 10_000);

/** QuickBooks' answer to an Add: the same fields inside the Ret, plus its ids and times. */
function answerTo(requestXml: string): string {
  return requestXml.replace(/<(\w+)AddRq requestID="([^"]+)"[^>]*>\s*<\1Add[^>]*>([\s\S]*)<\/\1Add>\s*<\/\1AddRq>/, (_m, name: string, id: string, inner: string) => {
    const ids = /^(Invoice|ReceivePayment|CreditMemo|JournalEntry|Check|ARRefundCreditCard)$/.test(name) ? '<TxnID>1A2B-1700000000</TxnID>' : '<ListID>80000042-1700000000</ListID>';
    return `<${name}AddRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><${name}Ret>${ids}<TimeCreated>2026-03-01T10:00:00-05:00</TimeCreated><TimeModified>2026-03-01T10:00:00-05:00</TimeModified><EditSequence>1700000000</EditSequence>${inner.replace(/<(\w+)Ref><ListID>/g, '<$1Ref><ListID>')}</${name}Ret></${name}AddRs>`;
  });
}

const flat = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

function main() {
  const ops = generateMarinaYear({ seed: 9, customers: 1000 }).months.flatMap((m) => m.operations).slice(0, N);
  const jobs = toBuildJobs(ops);
  const built = jobs.map((job) => {
    const r = buildJobRequests(job, refs, 'write');
    return r.ok ? r.value.map((q) => q.xml) : [];
  });
  // The Worker gets each answer as one flat string (decoded from the SOAP body); a template
  // literal here would leave a rope that V8 flattens on first read, inside the timed part.
  const answers = built.map((xmls) => flat(`<?xml version="1.0"?><QBXML><QBXMLMsgsRs>${xmls.map(answerTo).join('')}</QBXMLMsgsRs></QBXML>`));

  const build = (i: number) => {
    const r = buildJobRequests(jobs[i], refs, 'write');
    return r.ok ? qbxmlMessage(r.value.map((q) => q.xml), QBXML_TARGET).length : 0;
  };
  // What the Worker reads of an Add's answer: status and the new record's ids.
  const read = (i: number) => {
    const parsed = parseQbxmlResponse(answers[i]);
    let n = 0;
    if (parsed.ok) for (const rs of parsed.value) n += rs.statusCode + (rs.identity?.qbId?.length ?? 0) + (rs.identity?.qbLock?.length ?? 0);
    return n;
  };
  const each = (f: (i: number) => number) => () => {
    let n = 0;
    for (let i = 0; i < jobs.length; i++) n += f(i);
    return n;
  };
  const qbxml = each((i) => build(i) + read(i));
  const json = () => {
    let n = 0;
    for (const job of jobs) {
      const text = JSON.stringify(job.data);
      n += text.length + Object.keys(JSON.parse(text) as object).length;
    }
    return n;
  };
  const time = (f: () => number) => {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = process.cpuUsage();
      f();
      const used = process.cpuUsage(start);
      runs.push((used.user + used.system) / 1000);
    }
    return runs.sort((a, b) => a - b)[RUNS >> 1];
  };
  json();
  qbxml();
  const tJson = time(json);
  const tQbxml = time(qbxml);
  const tBuild = time(each(build));
  const tRead = time(each(read));
  const ok = built.filter((b) => b.length).length;
  console.log(`records: ${jobs.length} (${ok} built), median of ${RUNS} runs, CPU time`);
  console.log(`JSON.stringify + JSON.parse: ${tJson.toFixed(1)} ms (${((tJson * 1000) / jobs.length).toFixed(2)} µs/record)`);
  console.log(`qbXML build + answer parse:  ${tQbxml.toFixed(1)} ms (${((tQbxml * 1000) / jobs.length).toFixed(2)} µs/record)`);
  console.log(`  of which build + message:    ${((tBuild * 1000) / jobs.length).toFixed(2)} µs/record; answer parse: ${((tRead * 1000) / jobs.length).toFixed(2)} µs/record`);
  console.log(`ratio qbXML/JSON: ${(tQbxml / tJson).toFixed(2)} (goal <= 3)`);
}

main();
