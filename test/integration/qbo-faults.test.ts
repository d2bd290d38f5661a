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
    const taxCode = (await entities(realm, 'TaxCode')).find((t) => t.Name === 'FL 7%');
    const typedInQbo = (docNumber: string, amount: number, tax: number) =>
      sim('POST', `/realms/${realm}/entities/Invoice`, {
        CustomerRef: { value: customer.Id },
        DocNumber: docNumber,
        TxnDate: '2026-03-01',
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, TaxCodeRef: { value: 'TAX' } } }],
        TxnTaxDetail: { TxnTaxCodeRef: { value: taxCode.Id }, TotalTax: tax },
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
