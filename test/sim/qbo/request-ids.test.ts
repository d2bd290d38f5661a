import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function payment(requestId: string, customerId: string) {
  return h.api('POST', `/payment?requestid=${requestId}`, { CustomerRef: { value: customerId }, TotalAmt: 25 });
}

describe('requestid memory', () => {
  it('by default remembers a requestid ten minutes: a retry 9 minutes later replays, one 11 minutes later runs again', async () => {
    const c = await h.create('Customer', { DisplayName: 'Dock 4' });
    const first = await payment('pay-1', c.Id);
    await h.control('POST', '/clock', { advanceMs: 9 * 60 * 1000 });
    expect((await payment('pay-1', c.Id)).json.Payment.Id).toBe(first.json.Payment.Id);
    await h.control('POST', '/clock', { advanceMs: 2 * 60 * 1000 });
    expect((await payment('pay-1', c.Id)).json.Payment.Id).not.toBe(first.json.Payment.Id);
    const all = await h.api('GET', `/query?query=${encodeURIComponent('select count(*) from Payment')}`);
    expect(all.json.QueryResponse.totalCount).toBe(2);
  });

  it('forgets an id older than requestIdMemoryMs: the retry runs again and creates a duplicate', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { requestIdMemoryMs: 60_000 });
    const c = await h.create('Customer', { DisplayName: 'Dock 5' });
    const first = await payment('pay-2', c.Id);
    await h.control('POST', '/clock', { advanceMs: 60_000 });
    expect((await payment('pay-2', c.Id)).json.Payment.Id).toBe(first.json.Payment.Id);
    await h.control('POST', '/clock', { advanceMs: 1 });
    const late = await payment('pay-2', c.Id);
    expect(late.status).toBe(200);
    expect(late.json.Payment.Id).not.toBe(first.json.Payment.Id);
    const all = await h.api('GET', `/query?query=${encodeURIComponent('select count(*) from Payment')}`);
    expect(all.json.QueryResponse.totalCount).toBe(2);
    // Once run again, the id is remembered anew.
    expect((await payment('pay-2', c.Id)).json.Payment.Id).toBe(late.json.Payment.Id);
  });

  it('replayFaultCode answers a remembered batch requestid with that fault on every item', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { replayFaultCode: '6000' });
    const body = {
      BatchItemRequest: [
        { bId: 'a', operation: 'create', Customer: { DisplayName: 'Batch A' } },
        { bId: 'b', operation: 'create', Customer: { DisplayName: 'Batch B' } },
      ],
    };
    const first = await h.api('POST', '/batch?requestid=b-6000', body);
    expect(first.json.BatchItemResponse.map((i: any) => i.Customer?.DisplayName)).toEqual(['Batch A', 'Batch B']);
    const replay = await h.api('POST', '/batch?requestid=b-6000', body);
    expect(replay.status).toBe(200);
    expect(replay.json.BatchItemResponse.map((i: any) => i.bId)).toEqual(['a', 'b']);
    expect(replay.json.BatchItemResponse[0].Fault.Error[0]).toMatchObject({ code: '6000' });
    expect(replay.json.BatchItemResponse[0].Fault.Error[0].Detail).toContain('An unexpected error occurred');
    const customers = await h.api('GET', `/query?query=${encodeURIComponent("select * from Customer where DisplayName LIKE 'Batch%'")}`);
    expect(customers.json.QueryResponse.Customer).toHaveLength(2);
  });

  it('replayFaultCode leaves single-entity replays alone', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { replayFaultCode: '6000' });
    const c = await h.create('Customer', { DisplayName: 'Dock 6' });
    const first = await payment('pay-3', c.Id);
    const again = await payment('pay-3', c.Id);
    expect(again.status).toBe(200);
    expect(again.json.Payment.Id).toBe(first.json.Payment.Id);
  });
});
