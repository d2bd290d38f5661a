import { describe, expect, it } from 'vitest';
import { invoice, put, seedLists } from './helpers';
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

describe('QBO duplicate DocNumber (6140)', () => {
  it('adopts an identical invoice already in QBO and fails a different one, saying so', async () => {
    const co = await createQboCompany();
    const realm = await newRealm();
    await connect(co, realm);
    await seedLists(co);
    await runCron();
    const customer = (await entities(realm, 'Customer')).find((c) => c.DisplayName === 'Jane Boater');
    const item = (await entities(realm, 'Item')).find((i) => i.Name === 'Slip Rental 40ft');
    // An automated-sales-tax company (the default): the user types the tax amount, QBO picks the code.
    const typedInQbo = (docNumber: string, amount: number, tax: number) =>
      sim('POST', `/realms/${realm}/entities/Invoice`, {
        CustomerRef: { value: customer.Id },
        DocNumber: docNumber,
        TxnDate: '2026-03-01',
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'TAX' } } }],
        TxnTaxDetail: { TotalTax: tax },
      });
    const same = (await typedInQbo('1042', 580.65, 40.65)).Invoice;
    expect(same.TotalAmt).toBe(621.3);
    const other = (await typedInQbo('1043', 100, 7)).Invoice;
    expect((await put(co, 'invoices', 'INV-1042', invoice())).status).toBeLessThan(300);
    expect((await put(co, 'invoices', 'INV-1043', invoice({ docNumber: '1043' }))).status).toBeLessThan(300);
    await runCron();

    const log = (await call('GET', `/v1/companies/${co.id}/jobs?type=Invoiceimport`, { token: co.viewer })).json.jobs;
    const adopted = log.find((j: any) => j.record.id === 'INV-1042');
    expect(adopted).toMatchObject({ state: 'synced', qbId: same.Id, message: expect.stringContaining('Adopted Invoice 1042') });
    const refused = log.find((j: any) => j.record.id === 'INV-1043');
    expect(refused).toMatchObject({ state: 'failed', code: 'DUPLICATE_DOC_NUMBER', retryable: false });
    expect(refused.message).toContain(`already has Invoice number 1043 (Id ${other.Id}, dated 2026-03-01, total 107)`);
    expect(refused.message).toContain('Renumber one of them');
    const invoices = await entities(realm, 'Invoice');
    expect(invoices.filter((i) => i.DocNumber === '1042')).toHaveLength(1);
    expect(invoices.filter((i) => i.DocNumber === '1043')).toHaveLength(1);
  });
});

describe('QBO: a write whose answer was lost, then cut off, or overtaken by a newer version', () => {
  const lists = [
    { kind: 'account', id: 'A-4000', data: { name: 'Slip Rental Income', type: 'income' } },
    { kind: 'item', id: 'P-SLIP', data: { name: 'Slip Rental', type: 'service', price: '100.00', incomeAccount: 'A-4000', taxable: false } },
    { kind: 'customer', id: 'C-1', data: { name: 'Anchor, Ava' } },
  ];
  const inv = (id: string, doc: string, memo?: string) => ({ kind: 'invoice', id, data: { customer: 'C-1', date: '2026-03-02', docNumber: doc, memo, lines: [{ item: 'P-SLIP', amount: '100.00' }], tax: '0' } });
  const pay = (id: string, amount: string, reference: string) => ({ kind: 'payment', id, data: { customer: 'C-1', date: '2026-03-03', method: 'check', reference, amount, applications: [{ invoice: 'INV-1', amount }] } });
  const push = async (co: Awaited<ReturnType<typeof createQboCompany>>, records: unknown[]) => {
    const res = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records } });
    expect(res.json.summary.rejected ?? 0, res.text).toBe(0);
  };
  const job = async (co: Awaited<ReturnType<typeof createQboCompany>>, id: string) => (await call('GET', `/v1/companies/${co.id}/jobs?sourceId=${id}`, { token: co.viewer })).json.jobs[0];
  /** Every answer to the next batch is lost after it was committed (the first send and the client's three retries). */
  const loseNextBatch = (realm: string) => sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'lost-response', mode: 'abort' }, times: 4 });

  it('a 502 after commit, then a 429 on the retry, leaves the payment in doubt (not "not sent"): replayed, never sent twice', async () => {
    const { co, realm } = await small();
    await push(co, [...lists, inv('INV-1', '101')]);
    await runCron();
    await push(co, [pay('PAY-1', '60.00', '1001')]);
    await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'lost-response', mode: '502' }, times: 1 });
    await sim('POST', '/faults', { match: { realmId: realm, operation: 'batch' }, action: { kind: 'http', status: 429 }, times: 1 });
    await runCron();
    expect(await job(co, 'PAY-1')).toMatchObject({ state: 'queued', inDoubt: true, code: 'QBO_NO_ANSWER' });
    await runCron();
    expect(await job(co, 'PAY-1')).toMatchObject({ state: 'synced' });
    expect(await entities(realm, 'Payment')).toHaveLength(1);
    expect(Number((await entities(realm, 'Invoice'))[0].Balance)).toBe(40);
  });

  it('a newer version of a payment whose send was lost replays that send first, then changes the payment it made', async () => {
    const { co, realm } = await small();
    await push(co, [...lists, inv('INV-1', '101')]);
    await runCron();
    await push(co, [pay('PAY-1', '60.00', '1001')]);
    await loseNextBatch(realm);
    await runCron();
    expect(await job(co, 'PAY-1')).toMatchObject({ state: 'queued', inDoubt: true });
    await push(co, [pay('PAY-1', '70.00', '1002')]);
    await runCron();

    const v2 = await job(co, 'PAY-1');
    expect(v2).toMatchObject({ state: 'synced', record: { version: 2 } });
    const history = (await call('GET', `/v1/companies/${co.id}/jobs/${v2.id}`, { token: co.viewer })).json.attemptHistory;
    expect(history.map((a: any) => a.outcome)).toEqual(['step', 'synced']);
    expect(history[0].message).toMatch(/^The send of version 1, which got no answer, had reached QuickBooks Online \(Payment \d+\); version 2 of this payment follows as a change to it/);
    const payments = await entities(realm, 'Payment');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ TotalAmt: 70, PaymentRefNum: '1002' });
    expect(Number((await entities(realm, 'Invoice'))[0].Balance)).toBe(30);
  });

  it('a job requeued after a fault is sent afresh, not answered with the fault QBO remembers for its first requestid', async () => {
    const { co, realm } = await small();
    await push(co, [...lists]);
    await runCron();
    await push(co, [inv('INV-1', '101')]);
    await sim('POST', '/faults', { match: { realmId: realm, entity: 'Invoice', operation: 'create' }, action: { kind: 'fault', code: '6000', detail: 'Business Validation Error: the customer is on credit hold' }, times: 1 });
    await runCron();
    const failed = await job(co, 'INV-1');
    expect(failed).toMatchObject({ state: 'failed', message: expect.stringContaining('credit hold') });
    // The accountant clears the cause in QuickBooks and requeues: attempts restart from zero.
    expect((await call('POST', `/v1/companies/${co.id}/jobs/${failed.id}/requeue`, { token: co.operator })).status).toBe(200);
    await runCron();

    expect(await job(co, 'INV-1')).toMatchObject({ state: 'synced', attempts: 1 });
    expect((await entities(realm, 'Invoice')).map((i) => i.DocNumber)).toEqual(['101']);
  });

  it('a void of an invoice whose create was lost voids the invoice QBO has (not "never reached QuickBooks")', async () => {
    const { co, realm } = await small();
    await push(co, [...lists]);
    await runCron();
    await push(co, [inv('INV-1', '101')]);
    await loseNextBatch(realm);
    await runCron();
    expect(await job(co, 'INV-1')).toMatchObject({ state: 'queued', inDoubt: true });
    const voided = await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [{ kind: 'invoice', id: 'INV-1', op: 'void' }] } });
    expect(voided.json.results[0]).toMatchObject({ ok: true, outcome: 'voided', job: { state: 'queued' } });
    await runCron();

    expect(await job(co, 'INV-1')).toMatchObject({ state: 'synced', action: 'void', record: { version: 2 } });
    const invoices = await entities(realm, 'Invoice');
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ TotalAmt: 0, Balance: 0 });
    expect(invoices[0].PrivateNote).toMatch(/^Voided/);
  });
});
