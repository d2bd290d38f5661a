import { describe, expect, it } from 'vitest';
import { demoCompanyOperations } from '../fixtures/demo-company';
import { call, connect, createQboCompany, entities, ingest, jobCounts, newRealm, runCron, sim } from './qbo-helpers';

/** The Worker trusts no requestid replay at all: every send in doubt is looked up in QBO first. */
const LOOK_FIRST = { QBO_REPLAY_WINDOW_S: '0' };

async function company(settings: Record<string, unknown>) {
  const co = await createQboCompany('Look First Marina');
  const realm = await newRealm(settings);
  await connect(co, realm);
  return { co, realm };
}

const ruleId = (r: any) => r.id ?? r.rule?.id;

const counts = async (realm: string) =>
  Object.fromEntries(await Promise.all(['Customer', 'Item', 'Account', 'Invoice', 'Payment', 'CreditMemo', 'JournalEntry'].map(async (e) => [e, (await entities(realm, e)).length] as const)));

/** One run with every answer lost after QBO committed, then runs where all goes well. */
async function lostThenSettled(co: { id: string }, realm: string, vars: Record<string, string>) {
  const rule = await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 100 });
  await runCron(vars);
  const inDoubt = await jobCounts(co as any);
  await sim('DELETE', `/faults/${ruleId(rule)}`);
  // QBO has forgotten the requestids by the next run (its memory is two seconds here: long enough
  // for the client's own quick retries, not for the next run). Real time: the simulator's clock is
  // shared with other tests.
  await new Promise((r) => setTimeout(r, 2_100));
  await runCron(vars);
  await runCron(vars);
  return inDoubt;
}

/** The demo month in two parts, each sent once with its answers lost: first the lists and documents, then the payments. */
async function twoLostParts(co: any, realm: string, vars: Record<string, string>) {
  const ops = demoCompanyOperations(42, 12);
  await ingest(co, ops.filter((o) => o.kind !== 'payment'));
  const first = await lostThenSettled(co, realm, vars);
  await ingest(co, ops.filter((o) => o.kind === 'payment'));
  await lostThenSettled(co, realm, vars);
  return { ops, first };
}

const sharperPayments = async (realm: string) => (await entities(realm, 'Payment')).map((p: any) => p.PrivateNote as string).filter((n) => /Sharper payment/.test(n ?? ''));

describe('QBO: a send in doubt is looked up in QuickBooks, not trusted to its requestid', () => {
  it('answers lost after commit, requestids forgotten: the next run finds every record QBO made and makes none twice', async () => {
    const { co, realm } = await company({ requestIdMemoryMs: 2_000 });
    const { ops, first } = await twoLostParts(co, realm, LOOK_FIRST);
    expect(first.queued ?? 0).toBeGreaterThan(0);
    const kinds = (k: string) => ops.filter((o) => o.kind === k).length;
    const after = await counts(realm);
    expect(after.Invoice).toBe(kinds('invoice') - 1); // one invoice is held by design (retired product)
    expect(after.Customer).toBe(kinds('customer'));
    const docs = (await entities(realm, 'Invoice')).map((i: any) => i.DocNumber);
    expect(new Set(docs).size).toBe(docs.length);
    const payments = await sharperPayments(realm);
    expect(payments.length).toBe(kinds('payment'));
    expect(new Set(payments).size).toBe(payments.length);
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0, sending: 0 });
    const job = (await call('GET', `/v1/companies/${co.id}/jobs?type=Paymentimport&limit=1`, { token: co.viewer })).json.jobs[0];
    const detail = (await call('GET', `/v1/companies/${co.id}/jobs/${job.id}`, { token: co.viewer })).json;
    expect(JSON.stringify(detail.attemptHistory)).toMatch(/Looked up in QuickBooks Online after a lost answer/);
  });

  it('the same loss settled by requestid replay alone makes duplicate payments (the simulator forgets, as QBO may)', async () => {
    const { co, realm } = await company({ requestIdMemoryMs: 2_000 });
    // A Worker that trusted a replay for an hour: QBO runs the forgotten requests again.
    await twoLostParts(co, realm, { QBO_REPLAY_WINDOW_S: '3600' });
    const payments = await sharperPayments(realm);
    expect(payments.length - new Set(payments).size).toBeGreaterThan(0);
  });

  it('a replay answered with a fault is not final: the job is looked up and QBO’s record adopted', async () => {
    const { co, realm } = await company({ replayFaultCode: '6000' });
    const ops = await ingest(co);
    await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 1 });
    await runCron();
    await runCron();
    await runCron();
    const docs = (await entities(realm, 'Invoice')).map((i: any) => i.DocNumber);
    expect(new Set(docs).size).toBe(docs.length);
    expect(docs.length).toBe(ops.filter((o) => o.kind === 'invoice').length - 1);
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0, sending: 0 });
  });

  it('sends that never reached QuickBooks (502 before commit) are looked up, not found, and sent once', async () => {
    const { co, realm } = await company({});
    const ops = await ingest(co);
    const rule = await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'http', status: 502 }, times: 1000 });
    await runCron(LOOK_FIRST);
    expect((await jobCounts(co)).queued ?? 0).toBeGreaterThan(0);
    await sim('DELETE', `/faults/${ruleId(rule)}`);
    await runCron(LOOK_FIRST);
    await runCron(LOOK_FIRST);
    expect(await counts(realm)).toMatchObject({ Invoice: ops.filter((o) => o.kind === 'invoice').length - 1, Customer: ops.filter((o) => o.kind === 'customer').length });
    const notes = (await entities(realm, 'Payment')).map((p: any) => p.PrivateNote).filter((n: string) => /Sharper payment/.test(n));
    expect(notes.length).toBe(ops.filter((o) => o.kind === 'payment').length);
    expect(new Set(notes).size).toBe(notes.length);
  });
});
