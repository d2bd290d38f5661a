import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('throttling', () => {
  it('answers 429 ThrottleExceeded past 500 requests a minute, and recovers after 60 s', async () => {
    for (let i = 0; i < 50; i += 1) {
      const replies = await Promise.all(Array.from({ length: 10 }, () => h.api('GET', '/preferences')));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    }
    const over = await h.api('GET', '/preferences');
    expect(over.status).toBe(429);
    expect(over.json.fault.error[0]).toMatchObject({ code: '3001', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
    const stats = (await h.control('GET', `/realms/${h.realmId}/stats`)).json;
    expect(stats).toMatchObject({ requests: 501, reads: 500, meteredReads: 500, throttled: 1 });
    await h.control('POST', '/clock', { advanceMs: 60_001 });
    expect((await h.api('GET', '/preferences')).status).toBe(200);
  });

  it('allows 40 batch requests a minute', async () => {
    const body = { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Customer' }] };
    for (let i = 0; i < 40; i += 1) expect((await h.api('POST', '/batch', body)).status).toBe(200);
    expect((await h.api('POST', '/batch', body)).status).toBe(429);
    expect((await h.api('GET', '/preferences')).status).toBe(200);
  });

  it('allows 10 requests in flight per realm', async () => {
    await h.control('POST', '/faults', { match: { path: '/preferences' }, action: { kind: 'hang', ms: 400 }, times: 10 });
    const hung = Array.from({ length: 10 }, () => h.api('GET', '/preferences'));
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.api('GET', `/companyinfo/${h.realmId}`)).status).toBe(429);
    const done = await Promise.all(hung);
    expect(done.every((r) => r.status === 200)).toBe(true);
    expect((await h.api('GET', `/companyinfo/${h.realmId}`)).status).toBe(200);
  });

  it('answers 429 past 10 requests within one second of the sim clock; rejected ones do not fill the window', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { limits: { requestsPerSecond: 10 } });
    for (let i = 0; i < 10; i += 1) expect((await h.api('GET', '/preferences')).status).toBe(200);
    const over = await h.api('GET', '/preferences');
    expect(over.status).toBe(429);
    expect(over.json.fault.error[0].code).toBe('3001');
    await h.control('POST', '/clock', { advanceMs: 600 });
    expect((await h.api('GET', '/preferences')).status).toBe(429);
    // 1,001 ms after the first ten: they have left the window; the two 429s never entered it.
    await h.control('POST', '/clock', { advanceMs: 401 });
    for (let i = 0; i < 10; i += 1) expect((await h.api('GET', '/preferences')).status).toBe(200);
    expect((await h.api('GET', '/preferences')).status).toBe(429);
  });

  it('a realm created with default settings allows 10 requests a second', async () => {
    await h.control('POST', '/realms', { realmId: 'defaults' });
    const settings = await h.control('GET', '/realms/defaults/settings');
    expect(settings.json.limits).toMatchObject({ requestsPerSecond: 10, requestsPerMinute: 500, concurrent: 10 });
  });

  it('lowers limits per realm through settings', async () => {
    await h.control('PATCH', `/realms/${h.realmId}/settings`, { limits: { requestsPerMinute: 2 } });
    expect((await h.api('GET', '/preferences')).status).toBe(200);
    expect((await h.api('GET', '/preferences')).status).toBe(200);
    expect((await h.api('GET', '/preferences')).status).toBe(429);
  });
});
