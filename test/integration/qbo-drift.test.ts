import { describe, expect, it } from 'vitest';
import { call, connect, createQboCompany, entities, ingest, newRealm, runCron, sim } from './qbo-helpers';

/** A company synced once to a fresh simulated QBO company. */
async function synced() {
  const co = await createQboCompany();
  const realm = await newRealm();
  await connect(co, realm);
  const ops = await ingest(co);
  await runCron();
  return { co, realm, ops };
}

const drift = async (co: { id: string; viewer: string }, query = '') => (await call('GET', `/v1/companies/${co.id}/qbo/drift${query}`, { token: co.viewer })).json;

/** An edit "made in the QBO web app": the first line's amount raised by `by`. */
async function raiseFirstLine(realm: string, invoice: any, by: number) {
  const line = invoice.Line.find((l: any) => l.DetailType === 'SalesItemLineDetail');
  const edited = { DetailType: 'SalesItemLineDetail', Amount: Number((line.Amount + by).toFixed(2)), Description: line.Description, SalesItemLineDetail: { ItemRef: line.SalesItemLineDetail.ItemRef, TaxCodeRef: line.SalesItemLineDetail.TaxCodeRef } };
  return sim('PATCH', `/realms/${realm}/entities/Invoice/${invoice.Id}`, { Line: [edited, ...invoice.Line.filter((l: any) => l !== line && l.DetailType === 'SalesItemLineDetail')] });
}

describe('QBO drift from change-data-capture', () => {
  it('flags an amount edited and a payment deleted in QBO, not the Worker’s own writes, with one metered CDC read per run', async () => {
    const { co, realm, ops } = await synced();
    // The Worker's own update of an invoice (a new Sharper version), then a run that sees it in CDC.
    const target = ops.find((o) => o.kind === 'invoice' && (o.data as any).lines[0].item !== 'P-WINTER')!;
    const bumped = { ...target, data: { ...(target.data as any), memo: 'Slip changed at the owner’s request' } };
    expect((await call('POST', `/v1/companies/${co.id}/records/bulk`, { token: co.mms, body: { records: [bumped] } })).status).toBeLessThan(300);
    await runCron();
    await runCron();
    expect((await drift(co)).drift).toEqual([]);

    const invoice = (await entities(realm, 'Invoice')).find((i) => i.DocNumber === (target.data as any).docNumber);
    const total = invoice.TotalAmt;
    await raiseFirstLine(realm, invoice, 10);
    const payment = (await entities(realm, 'Payment'))[0];
    await sim('DELETE', `/realms/${realm}/entities/Payment/${payment.Id}`);
    const before = await sim('GET', `/realms/${realm}/stats`);
    await runCron();
    const after = await sim('GET', `/realms/${realm}/stats`);
    expect(after.byEndpoint['GET /cdc'] - (before.byEndpoint['GET /cdc'] ?? 0)).toBe(1);

    const list = (await drift(co)).drift;
    expect(list).toHaveLength(2);
    const inv = list.find((d: any) => d.qbEntity === 'Invoice');
    expect(inv).toMatchObject({ record: { kind: 'invoice', id: target.id }, qbId: invoice.Id, status: 'open', source: 'cdc', deleted: false });
    const fields = Object.fromEntries(inv.diff.map((f: any) => [f.field, f]));
    // QBO recomputes the tax on the raised line too.
    expect(fields.total.sharper).toBe(Math.round(total * 100));
    expect(fields.total.quickbooks - fields.total.sharper).toBeGreaterThanOrEqual(1000);
    expect(fields.lines).toBeDefined();
    const pay = list.find((d: any) => d.qbEntity === 'Payment');
    expect(pay).toMatchObject({ deleted: true, diff: [{ field: 'deleted', sharper: false, quickbooks: true }] });

    // Seen again by the next run's overlapping window: still one entry per change.
    await runCron();
    expect((await drift(co)).drift).toHaveLength(2);
    const health = await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer });
    expect(health.json.openDrift).toBe(2);
    expect(health.json.meteredCalls.reads).toBe((await sim('GET', `/realms/${realm}/stats`)).meteredReads);
  });

  it('restore re-pushes Sharper’s version (re-creating a deleted payment); acknowledge closes an entry; viewers can do neither', async () => {
    const { co, realm, ops } = await synced();
    const target = ops.find((o) => o.kind === 'invoice' && (o.data as any).lines[0].item !== 'P-WINTER')!;
    const invoice = (await entities(realm, 'Invoice')).find((i) => i.DocNumber === (target.data as any).docNumber);
    await raiseFirstLine(realm, invoice, 25);
    const payments = await entities(realm, 'Payment');
    await sim('DELETE', `/realms/${realm}/entities/Payment/${payments[0].Id}`);
    const other = (await entities(realm, 'Invoice')).find((i) => i.Id !== invoice.Id);
    await raiseFirstLine(realm, other, 5);
    await runCron();
    const list = (await drift(co, '?status=open')).drift;
    expect(list).toHaveLength(3);
    const byQb = (id: string) => list.find((d: any) => d.qbId === id);

    const forbidden = await call('POST', `/v1/companies/${co.id}/qbo/drift/${byQb(invoice.Id).id}/restore`, { token: co.viewer });
    expect(forbidden.status).toBe(403);
    const restored = await call('POST', `/v1/companies/${co.id}/qbo/drift/${byQb(invoice.Id).id}/restore`, { token: co.operator });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.json.drift.status).toBe('restored');
    expect(restored.json.job.state).toBe('queued');
    const again = await call('POST', `/v1/companies/${co.id}/qbo/drift/${byQb(invoice.Id).id}/restore`, { token: co.operator });
    expect(again.status).toBe(409);
    expect((await call('POST', `/v1/companies/${co.id}/qbo/drift/${byQb(payments[0].Id).id}/restore`, { token: co.operator })).status).toBe(200);
    const ack = await call('POST', `/v1/companies/${co.id}/qbo/drift/${byQb(other.Id).id}/acknowledge`, { token: co.operator, body: { note: 'agreed with the marina' } });
    expect(ack.json.drift).toMatchObject({ status: 'acknowledged', resolution: expect.stringContaining('agreed with the marina') });
    expect((await call('GET', `/v1/companies/${co.id}/qbo`, { token: co.viewer })).json.openDrift).toBe(0);

    await runCron();
    const now = (await sim('GET', `/realms/${realm}/entities/Invoice/${invoice.Id}`)).Invoice;
    expect(now.TotalAmt).toBe(invoice.TotalAmt);
    const paymentsAfter = await entities(realm, 'Payment');
    expect(paymentsAfter).toHaveLength(payments.length);
    expect(paymentsAfter.map((p) => p.TotalAmt).sort()).toEqual(payments.map((p) => p.TotalAmt).sort());
    // The re-push is the Worker's own write; the acknowledged edit is not reported again.
    await runCron();
    expect((await drift(co, '?status=open')).drift).toEqual([]);
    expect((await call('GET', `/v1/companies/${co.id}/jobs/counts`, { token: co.viewer })).json.byState).toMatchObject({ queued: 0, failed: 0 });
  });

  it('rejects bad drift ids and filters', async () => {
    const co = await createQboCompany();
    expect((await call('POST', `/v1/companies/${co.id}/qbo/drift/abc/restore`, { token: co.operator })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'driftId' });
    expect((await call('POST', `/v1/companies/${co.id}/qbo/drift/999/acknowledge`, { token: co.operator })).status).toBe(404);
    expect((await call('GET', `/v1/companies/${co.id}/qbo/drift?status=gone`, { token: co.viewer })).status).toBe(422);
    expect((await call('GET', `/v1/companies/${co.id}/qbo/drift?cursor=zzz`, { token: co.viewer })).json.error.field).toBe('cursor');
  });
});
