import { describe, expect, it } from 'vitest';
import { QboApi } from './client';

/** A QboApi whose fetch answers from a script, on a clock that only moves when it sleeps. */
function scripted(answers: (() => Response)[], opts: { requestsPerMinute?: number; deadlineInMs?: number } = {}) {
  let now = 0;
  const calls: string[] = [];
  const api = new QboApi({
    baseUrl: 'https://qbo.test',
    realmId: '1',
    getToken: async () => ({ token: 't', version: 1 }),
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    retryBaseMs: 10,
    limits: { requestsPerMinute: opts.requestsPerMinute ?? 500, batchesPerMinute: 40, concurrent: 10 },
    deadline: opts.deadlineInMs,
    fetch: (async (url: URL) => {
      calls.push(String(url));
      const next = answers.shift();
      if (!next) throw new Error('no more answers scripted');
      return next();
    }) as unknown as typeof fetch,
  });
  return { api, calls };
}

const gateway502 = () => new Response('<html>502 Bad Gateway</html>', { status: 502 });
const throttled = () => new Response('{"fault":{"error":[{"code":"3001"}]}}', { status: 429 });
const batchWrite = { method: 'POST' as const, path: '/batch', query: { requestid: 'sb1' }, body: {}, read: false, batch: true };

describe('QboApi: a retry cut off after an unanswered write', () => {
  it('a 502 (the write may have landed) then a 429 on the retry is lost, not "not sent": the caller replays it', async () => {
    const { api, calls } = scripted([gateway502, throttled]);
    const res = await api.call(batchWrite);
    expect(calls).toHaveLength(2);
    expect(res).toMatchObject({ kind: 'lost' });
    expect(res.kind === 'lost' && res.message).toMatch(/HTTP 502.*retry was cut off \(QuickBooks Online answered 429/);
  });

  it('a 502 then the run’s time box running out while the limiter waits is lost too', async () => {
    const { api, calls } = scripted([gateway502], { requestsPerMinute: 1, deadlineInMs: 5_000 });
    const res = await api.call(batchWrite);
    expect(calls).toHaveLength(1);
    expect(res).toMatchObject({ kind: 'lost' });
    expect(res.kind === 'lost' && res.message).toMatch(/time limit/);
  });

  it('a socket error then a 429 is lost', async () => {
    const { api } = scripted([
      () => {
        throw new TypeError('socket hang up');
      },
      throttled,
    ]);
    expect(await api.call(batchWrite)).toMatchObject({ kind: 'lost' });
  });

  it('a first 429 is throttled (QBO did nothing), and so is a read cut off after a 502', async () => {
    expect(await scripted([throttled]).api.call(batchWrite)).toMatchObject({ kind: 'throttled', status: 429 });
    const read = { method: 'GET' as const, path: '/query', query: { query: 'select * from Invoice' }, read: true };
    expect(await scripted([gateway502, throttled]).api.call(read)).toMatchObject({ kind: 'throttled' });
  });
});
