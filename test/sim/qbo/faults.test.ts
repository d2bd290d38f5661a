import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimHarness, startHarness } from './test-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function customersNamed(name: string): Promise<number> {
  const r = await h.api('GET', `/query?query=${encodeURIComponent(`select count(*) from Customer where DisplayName = '${name}'`)}`);
  return r.json.QueryResponse.totalCount;
}

describe('faults on demand', () => {
  it('lost response after commit (abort): the client sees a socket error, the entity exists, a requestid retry gets it', async () => {
    await h.control('POST', '/faults', { match: { method: 'POST', entity: 'Customer' }, action: { kind: 'lost-response', mode: 'abort' } });
    await expect(h.api('POST', '/customer?requestid=lost-1', { DisplayName: 'Ghost' })).rejects.toThrow();
    expect(await customersNamed('Ghost')).toBe(1);
    const retry = await h.api('POST', '/customer?requestid=lost-1', { DisplayName: 'Ghost' });
    expect(retry.status).toBe(200);
    expect(retry.json.Customer.DisplayName).toBe('Ghost');
    expect(await customersNamed('Ghost')).toBe(1);
  });

  it('lost response after commit (502): HTML gateway page, write committed', async () => {
    await h.control('POST', '/faults', { match: { operation: 'create' }, action: { kind: 'lost-response', mode: '502' } });
    const r = await h.api('POST', '/customer', { DisplayName: 'Half' });
    expect(r.status).toBe(502);
    expect(r.text).toContain('Bad Gateway');
    expect(await customersNamed('Half')).toBe(1);
  });

  it('HTTP 503 / 500 / 429 (XML) on the next N matching requests, then normal service', async () => {
    await h.control('POST', '/faults', { match: { path: '/preferences' }, action: { kind: 'http', status: 503 }, times: 2 });
    expect((await h.api('GET', '/preferences')).status).toBe(503);
    expect((await h.api('GET', '/preferences')).status).toBe(503);
    expect((await h.api('GET', '/preferences')).status).toBe(200);
    await h.control('POST', '/faults', { action: { kind: 'http', status: 500 } });
    const five = await h.api('GET', '/preferences');
    expect(five.status).toBe(500);
    expect(five.json.Fault.type).toBe('SystemFault');
    await h.control('POST', '/faults', { action: { kind: 'http', status: 429, format: 'xml' } });
    const xml = await h.api('GET', '/preferences');
    expect(xml.status).toBe(429);
    expect(xml.text).toContain('<Error code="3001">');
  });

  it('401 token expired and a specific QBO fault code, with nothing written', async () => {
    await h.control('POST', '/faults', { match: { entity: 'Customer' }, action: { kind: 'token-expired' } });
    const expired = await h.api('POST', '/customer', { DisplayName: 'Nope' });
    expect(expired.status).toBe(401);
    expect(expired.json.fault.error[0].code).toBe('3200');
    await h.control('POST', '/faults', { action: { kind: 'fault', code: '6190', message: 'Invalid Company Status' } });
    const f = await h.api('POST', '/customer', { DisplayName: 'Nope' });
    expect(f.status).toBe(400);
    expect(f.json.Fault.Error[0]).toMatchObject({ code: '6190', Message: 'Invalid Company Status' });
    expect(await customersNamed('Nope')).toBe(0);
  });

  it('hang delays the answer (a client timeout fires first)', async () => {
    await h.control('POST', '/faults', { action: { kind: 'hang', ms: 5_000 } });
    const started = Date.now();
    const res = fetch(`${h.sim.url}/v3/company/${h.realmId}/preferences`, {
      headers: { authorization: `Bearer ${h.accessToken}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(res).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('expires tokens on demand and counts per endpoint', async () => {
    await h.api('GET', '/preferences');
    await h.control('POST', `/realms/${h.realmId}/tokens/expire`);
    expect((await h.api('GET', '/preferences')).status).toBe(401);
    const stats = (await h.control('GET', `/realms/${h.realmId}/stats`)).json;
    expect(stats.byEndpoint['GET /preferences']).toBe(1);
    const log = (await h.control('GET', `/realms/${h.realmId}/requests`)).json.requests;
    expect(log[0]).toMatchObject({ method: 'GET', status: 200, operation: 'read' });
  });
});
