import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, ingest, jobCounts, newRealm, runCron, sim } from './qbo-helpers';

const small = async () => {
  const co = await createQboCompany();
  const realm = await newRealm();
  const conn = await connect(co, realm);
  return { co, realm, conn };
};

const docNumbers = async (realm: string) => (await entities(realm, 'Invoice')).map((i) => i.DocNumber as string);

describe('QBO faults', () => {
  it('replays a batch whose answer was lost after commit: no duplicate, nothing lost', async () => {
    const { co, realm } = await small();
    const ops = await ingest(co);
    await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 2 });
    await runCron();
    await runCron();
    await runCron();
    const docs = await docNumbers(realm);
    expect(new Set(docs).size).toBe(docs.length);
    expect(docs.length).toBe(ops.filter((o) => o.kind === 'invoice').length - 1);
    expect((await entities(realm, 'Payment')).length).toBe(ops.filter((o) => o.kind === 'payment').length);
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0, sending: 0 });
  });

  it('on a 429 (XML body) stops and leaves the rest for the next run', async () => {
    const { co, realm } = await small();
    const ops = await ingest(co);
    await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'http', status: 429, format: 'xml' }, times: 1 });
    await runCron();
    const mid = await jobCounts(co);
    expect(mid.queued).toBeGreaterThan(0);
    expect(mid.failed ?? 0).toBe(0);
    await runCron();
    await runCron();
    const docs = await docNumbers(realm);
    expect(docs.length).toBe(ops.filter((o) => o.kind === 'invoice').length - 1);
    expect(new Set(docs).size).toBe(docs.length);
  });

  it('retries 5xx with backoff inside the run', async () => {
    const { co, realm } = await small();
    await ingest(co);
    await sim('POST', '/faults', { match: { realmId: realm, path: '/batch' }, action: { kind: 'http', status: 503 }, times: 2 });
    await runCron();
    expect(await jobCounts(co)).toMatchObject({ queued: 0, failed: 0 });
  });

  it('holds a job dated in a closed period, naming the date', async () => {
    const co = await createQboCompany();
    const realm = await newRealm({ closingDate: '2026-01-31' });
    await connect(co, realm);
    await ingest(co);
    await runCron();
    const log = await call('GET', `/v1/companies/${co.id}/jobs?state=held&type=Invoiceimport&limit=5`, { token: co.viewer });
    const closed = log.json.jobs.find((j: any) => j.code === 'CLOSED_PERIOD');
    expect(closed.message).toMatch(/dated 2026-01-\d\d, which falls in a period that is closed/);
  });

  it('fails a validation fault with QBO Detail', async () => {
    const { co, realm } = await small();
    await ingest(co);
    await sim('POST', '/faults', { match: { realmId: realm, entity: 'Invoice', operation: 'create' }, action: { kind: 'fault', code: '6000', detail: 'Business Validation Error: You must set a transaction amount' }, times: 1 });
    await runCron();
    const log = await call('GET', `/v1/companies/${co.id}/jobs?state=failed&limit=5`, { token: co.viewer });
    expect(log.json.jobs[0].message).toContain('You must set a transaction amount');
  });
});
