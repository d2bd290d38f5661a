import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seeded, type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('batch', () => {
  it('runs 30 items; a failing item gets its own Fault while the rest commit', async () => {
    await h.create('Customer', { DisplayName: 'Existing' });
    const items = Array.from({ length: 29 }, (_, i) => ({ bId: `c${i}`, operation: 'create', Customer: { DisplayName: `Batch ${i}` } }));
    items.push({ bId: 'dup', operation: 'create', Customer: { DisplayName: 'Existing' } });
    const r = await h.api('POST', '/batch?minorversion=75', { BatchItemRequest: items });
    expect(r.status).toBe(200);
    const out = r.json.BatchItemResponse as any[];
    expect(out).toHaveLength(30);
    expect(out.filter((i) => i.Customer)).toHaveLength(29);
    const failed = out.find((i) => i.bId === 'dup');
    expect(failed.Fault.Error[0].code).toBe('6240');
    const count = await h.api('GET', `/query?query=${encodeURIComponent('select count(*) from Customer')}`);
    expect(count.json.QueryResponse.totalCount).toBe(30);
    const stats = (await h.control('GET', `/realms/${h.realmId}/stats`)).json;
    expect(stats).toMatchObject({ batches: 1, batchItems: 30 });
  });

  it('rejects 31 items as a whole', async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: `c${i}`, operation: 'create', Customer: { DisplayName: `B${i}` } }));
    const r = await h.api('POST', '/batch', { BatchItemRequest: items });
    expect(r.status).toBe(400);
    expect(r.json.Fault).toBeDefined();
  });

  it('mixes update, delete and query items', async () => {
    const c = await h.create('Customer', { DisplayName: 'Mix' });
    const services = await seeded(h, 'Item', 'Services');
    const inv = await h.create('Invoice', {
      CustomerRef: { value: c.Id },
      Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: services.Id } } }],
    });
    const r = await h.api('POST', '/batch', {
      BatchItemRequest: [
        { bId: 'u', operation: 'update', Customer: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'n' } },
        { bId: 'd', operation: 'delete', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
        { bId: 'q', Query: "select * from Customer where DisplayName = 'Mix'" },
        { bId: 's', operation: 'update', Customer: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'stale' } },
      ],
    });
    const by = Object.fromEntries((r.json.BatchItemResponse as any[]).map((i) => [i.bId, i]));
    expect(by.u.Customer.SyncToken).toBe('1');
    expect(by.d.Invoice.status).toBe('Deleted');
    expect(by.q.QueryResponse.Customer).toHaveLength(1);
    expect(by.s.Fault.Error[0].code).toBe('5010');
  });

  it('replays a whole batch for a repeated requestid', async () => {
    const body = { BatchItemRequest: [{ bId: 'a', operation: 'create', Customer: { DisplayName: 'Once' } }] };
    const a = await h.api('POST', '/batch?requestid=batch-1', body);
    const b = await h.api('POST', '/batch?requestid=batch-1', body);
    expect(b.json).toEqual(a.json);
    const count = await h.api('GET', `/query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Once'")}`);
    expect(count.json.QueryResponse.totalCount).toBe(1);
  });

  it('injects a per-item fault by bId', async () => {
    await h.control('POST', '/faults', { match: { bId: 'b2' }, action: { kind: 'fault', code: '6000', detail: 'injected' } });
    const r = await h.api('POST', '/batch', {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'One' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Two' } },
      ],
    });
    const [one, two] = r.json.BatchItemResponse;
    expect(one.Customer.DisplayName).toBe('One');
    expect(two.Fault.Error[0]).toMatchObject({ code: '6000', Detail: 'injected' });
  });
});
