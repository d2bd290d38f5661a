import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signIntuitBody } from '../../worker/qbo/webhooks/signature';
import { call, connect, createQboCompany, entities, ingest, newRealm, runCron, sim } from './qbo-helpers';

const VERIFIER = 'test-webhook-verifier';

/** The simulator builds the payload Intuit would send; its delivery URL is unreachable on purpose. */
async function payload(realm: string, format: 'cloudevents' | 'legacy', events: { name: string; id: string; operation?: string }[]) {
  await sim('POST', '/webhooks', { url: 'http://127.0.0.1:9/unreachable', verifierToken: VERIFIER, format });
  return (await sim('POST', `/realms/${realm}/webhooks/send`, { events })).body as string;
}

const deliver = async (body: string, signature?: string) =>
  call('POST', '/v1/qbo/webhooks', { raw: body, headers: signature === undefined ? {} : { 'intuit-signature': signature } });

const recorded = async () => Number((await env.DB.prepare('SELECT COUNT(*) AS n FROM qbo_webhook_events').first<{ n: number }>())?.n ?? 0);
const drift = async (co: { id: string; viewer: string }) => (await call('GET', `/v1/companies/${co.id}/qbo/drift`, { token: co.viewer })).json.drift;

async function synced() {
  const co = await createQboCompany();
  const realm = await newRealm();
  await connect(co, realm);
  await ingest(co);
  await runCron();
  return { co, realm };
}

describe('QBO webhooks', () => {
  it('a signed CloudEvents delivery is recorded once (retries deduplicated) and its edit becomes webhook drift at the next run', async () => {
    const { co, realm } = await synced();
    const invoice = (await entities(realm, 'Invoice'))[0];
    await sim('PATCH', `/realms/${realm}/entities/Invoice/${invoice.Id}`, { TxnDate: '2026-02-27' });
    const body = await payload(realm, 'cloudevents', [{ name: 'Invoice', id: invoice.Id }]);
    const signature = await signIntuitBody(body, VERIFIER);
    const first = await deliver(body, signature);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ format: 'cloudevents', events: 1, recorded: 1, duplicates: 0 });
    expect((await deliver(body, signature)).json).toMatchObject({ recorded: 0, duplicates: 1 });
    await runCron();
    const list = await drift(co);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ qbId: invoice.Id, source: 'webhook', diff: [{ field: 'date', sharper: invoice.TxnDate, quickbooks: '2026-02-27' }] });
    expect(await recorded()).toBe(0);
  });

  it('a legacy eventNotifications delivery reporting a delete becomes drift; an event outside the CDC window is read on its own', async () => {
    const { co, realm } = await synced();
    const payment = (await entities(realm, 'Payment'))[0];
    await sim('DELETE', `/realms/${realm}/entities/Payment/${payment.Id}`);
    const invoice = (await entities(realm, 'Invoice'))[1];
    await sim('PATCH', `/realms/${realm}/entities/Invoice/${invoice.Id}`, { TxnDate: '2026-02-26' });
    const body = await payload(realm, 'legacy', [
      { name: 'Payment', id: payment.Id, operation: 'Delete' },
      { name: 'Invoice', id: invoice.Id, operation: 'Update' },
    ]);
    expect(JSON.parse(body).eventNotifications[0].realmId).toBe(realm);
    expect((await deliver(body, await signIntuitBody(body, VERIFIER))).json).toMatchObject({ format: 'legacy', recorded: 2 });
    // As if the CDC window had already moved past both changes: only the webhook knows of them.
    await env.DB.prepare('UPDATE qbo_connections SET cdc_since = ? WHERE company_id = ?').bind(new Date(Date.now() + 60_000).toISOString(), co.id).run();
    const before = await sim('GET', `/realms/${realm}/stats`);
    await runCron();
    const after = await sim('GET', `/realms/${realm}/stats`);
    // One CDC read plus one read of the edited invoice; the delete needs none.
    expect(after.meteredReads - before.meteredReads).toBe(2);
    const list = await drift(co);
    expect(list.map((d: any) => [d.qbEntity, d.source, d.deleted]).sort()).toEqual([
      ['Invoice', 'webhook', false],
      ['Payment', 'webhook', true],
    ]);
  });

  it('refuses a forged or missing signature (401) and records nothing', async () => {
    const { co, realm } = await synced();
    const invoice = (await entities(realm, 'Invoice'))[0];
    const body = await payload(realm, 'cloudevents', [{ name: 'Invoice', id: invoice.Id }]);
    const forged = await deliver(body, await signIntuitBody(body, 'not-the-verifier'));
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe('UNAUTHORIZED');
    const tampered = await deliver(body.replace(invoice.Id, `${invoice.Id}9`), await signIntuitBody(body, VERIFIER));
    expect(tampered.status).toBe(401);
    expect((await deliver(body)).status).toBe(401);
    expect((await deliver(body, 'not base64!')).status).toBe(401);
    expect(await recorded()).toBe(0);
    expect(await drift(co)).toEqual([]);
  });

  it('acknowledges an unknown realm without recording; refuses oversized and malformed bodies', async () => {
    await synced();
    const stranger = JSON.stringify([{ specversion: '1.0', id: 'e1', type: 'qbo.invoice.updated.v1', intuitentityid: '5', intuitaccountid: '4620816365000000000', time: new Date().toISOString() }]);
    const unknown = await deliver(stranger, await signIntuitBody(stranger, VERIFIER));
    expect(unknown.status).toBe(200);
    expect(unknown.json).toMatchObject({ recorded: 0, unknownRealms: ['4620816365000000000'] });

    const huge = JSON.stringify({ eventNotifications: [{ realmId: '1', dataChangeEvent: { entities: [] } }], pad: 'x'.repeat(300 * 1024) });
    expect((await deliver(huge, await signIntuitBody(huge, VERIFIER))).status).toBe(413);
    for (const bad of ['{not json', '{"eventNotifications":"nope"}', '[{"type":"invoice changed"}]', '42', '[]x']) {
      const res = await deliver(bad, await signIntuitBody(bad, VERIFIER));
      expect(res.status, bad).toBe(400);
      expect(res.json.error.code).toBe('BAD_REQUEST');
    }
    expect(await recorded()).toBe(0);
  });
});
