import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookSignature } from './index';
import { customerAndInvoice, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('CDC', () => {
  it('returns entities changed since a time, including a user edit in the QBO UI and a deletion', async () => {
    const { customer, invoice } = await customerAndInvoice(h, 'CDC-1');
    const other = await h.create('Customer', { DisplayName: 'Unchanged' });
    await h.control('POST', '/clock', { advanceMs: 1_800_000 });
    const since = '2026-03-15T10:15:00-08:00';
    const edit = await h.control('PATCH', `/realms/${h.realmId}/entities/Customer/${customer.Id}`, { Notes: 'edited in QBO' });
    expect(edit.json.Customer).toMatchObject({ SyncToken: '1', Notes: 'edited in QBO' });
    expect(edit.json.Customer.MetaData.LastUpdatedTime).toBe('2026-03-15T10:30:00-08:00');
    await h.control('DELETE', `/realms/${h.realmId}/entities/Invoice/${invoice.Id}`);

    const r = await h.api('GET', `/cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent(since)}&minorversion=75`);
    expect(r.status).toBe(200);
    const [customers, invoices] = r.json.CDCResponse[0].QueryResponse;
    expect(customers.Customer.map((c: any) => c.Id)).toEqual([customer.Id]);
    expect(customers.Customer.map((c: any) => c.Id)).not.toContain(other.Id);
    expect(invoices.Invoice).toEqual([{ domain: 'QBO', status: 'Deleted', Id: invoice.Id, MetaData: { LastUpdatedTime: '2026-03-15T10:30:00-08:00' } }]);

    // The worker's cached SyncToken is now stale.
    const stale = await h.api('POST', '/customer', { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'sync' });
    expect(stale.json.Fault.Error[0].code).toBe('5010');
  });

  it('refuses changedSince older than 30 days', async () => {
    const r = await h.api('GET', `/cdc?entities=Customer&changedSince=2026-02-01T00:00:00Z`);
    expect(r.status).toBe(400);
    expect(r.json.Fault).toBeDefined();
    const stats = (await h.control('GET', `/realms/${h.realmId}/stats`)).json;
    expect(stats).toMatchObject({ reads: 1, meteredReads: 0 });
  });
});

describe('webhooks', () => {
  it('POSTs a CloudEvents payload signed with intuit-signature', async () => {
    const received: { body: string; signature: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['intuit-signature']) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    try {
      await h.control('POST', '/webhooks', { url: `http://127.0.0.1:${port}/hook`, verifierToken: 'verifier-123' });
      const c = await h.create('Customer', { DisplayName: 'Hooked' });
      const sent = await h.control('POST', `/realms/${h.realmId}/webhooks/send`, { events: [{ name: 'Customer', id: c.Id }] });
      expect(sent.json.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0].signature).toBe(webhookSignature(received[0].body, 'verifier-123'));
      const [event] = JSON.parse(received[0].body);
      expect(event).toMatchObject({ type: 'qbo.customer.updated.v1', intuitentityid: c.Id, intuitaccountid: h.realmId });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});
