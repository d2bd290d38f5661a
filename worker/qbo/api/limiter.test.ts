import { describe, expect, it } from 'vitest';
import { parseFault } from './fault';
import { parseLimiterWindow, QBO_LIMITS, RealmLimiter } from './limiter';

/** A clock that only moves when someone sleeps. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('RealmLimiter', () => {
  it('keeps batch starts under the per-minute cap, waiting for the window to slide', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter({ requestsPerMinute: 100, batchesPerMinute: 2, concurrent: 10 }, t.clock, t.sleep);
    (await limiter.acquire(true))!();
    (await limiter.acquire(true))!();
    expect(t.clock()).toBe(0);
    (await limiter.acquire(true))!();
    // The window is a little over a minute so ours never closes before QBO's.
    expect(t.clock()).toBe(60_250);
    (await limiter.acquire(false))!();
    expect(t.clock()).toBe(60_250);
  });

  it('counts every request against the request cap', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter({ requestsPerMinute: 3, batchesPerMinute: 40, concurrent: 10 }, t.clock, t.sleep);
    for (let i = 0; i < 3; i++) (await limiter.acquire(i % 2 === 0))!();
    (await limiter.acquire(false))!();
    expect(t.clock()).toBe(60_250);
  });

  it('caps requests in flight until one is released (a release is idempotent)', async () => {
    // Real short sleeps: the in-flight wait polls, which a clock that jumps would spin on.
    const limiter = new RealmLimiter({ requestsPerMinute: 100, batchesPerMinute: 40, concurrent: 2 }, Date.now, (ms) => new Promise((r) => setTimeout(r, ms)));
    const a = (await limiter.acquire(false))!;
    await limiter.acquire(false);
    let third = false;
    const waiting = limiter.acquire(false).then(() => {
      third = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    a();
    a();
    await waiting;
    expect(third).toBe(true);
  });
});

describe('parseFault', () => {
  it('reads the entity, gateway and XML envelopes, and nothing else', () => {
    expect(parseFault('', { Fault: { Error: [{ Message: 'Duplicate Document Number Error', Detail: 'DocNumber=1', code: '6140', element: '' }], type: 'ValidationFault' } })).toEqual({
      type: 'ValidationFault',
      errors: [{ code: '6140', message: 'Duplicate Document Number Error', detail: 'DocNumber=1', element: undefined }],
    });
    expect(parseFault('', { fault: { error: [{ message: 'message=AuthenticationFailed', detail: 'Token expired', code: '3200' }], type: 'AUTHENTICATION' } })?.errors[0]).toMatchObject({ code: '3200', detail: 'Token expired' });
    const xml = '<?xml version="1.0"?><IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded</Message><Detail>Too many</Detail></Error></Fault></IntuitResponse>';
    expect(parseFault(xml, null)).toEqual({ type: 'SERVICE', errors: [{ code: '3001', message: 'message=ThrottleExceeded', detail: 'Too many' }] });
    expect(parseFault('{"Invoice":{}}', { Invoice: {} })).toBeNull();
    expect(parseFault('<html>502</html>', null)).toBeNull();
  });
});

describe('RealmLimiter and latency', () => {
  it('counts a request until a minute after its answer, so a slow answer cannot open the window early', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter({ requestsPerMinute: 100, batchesPerMinute: 1, concurrent: 10 }, t.clock, t.sleep);
    const release = (await limiter.acquire(true))!;
    await t.sleep(10_000); // the answer takes 10 s
    release();
    (await limiter.acquire(true))!();
    expect(t.clock()).toBe(10_000 + 60_250);
  });
});

describe('RealmLimiter and the run deadline', () => {
  it('gives up (null) instead of waiting past the run deadline, and waits when the wait fits', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter({ requestsPerMinute: 100, batchesPerMinute: 1, concurrent: 10 }, t.clock, t.sleep);
    (await limiter.acquire(true, 30_000))!();
    expect(await limiter.acquire(true, 30_000)).toBeNull();
    expect(t.clock()).toBe(0);
    const later = await limiter.acquire(true, 120_000);
    expect(later).not.toBeNull();
    expect(t.clock()).toBe(60_250);
  });
});

describe('RealmLimiter across runs', () => {
  it('starts from the window the previous run left: its batches still count until they are a minute old', async () => {
    const t = fakeTime();
    const limits = { requestsPerMinute: 100, batchesPerMinute: 2, concurrent: 10 };
    const first = new RealmLimiter(limits, t.clock, t.sleep);
    (await first.acquire(true))!();
    await t.sleep(10_000);
    (await first.acquire(true))!();
    const stored = JSON.stringify(first.window());
    expect(JSON.parse(stored)).toEqual({ requests: [0, 10_000], batches: [0, 10_000] });

    // The next run, 20 s later, may not send a batch until the first one has left the window.
    await t.sleep(20_000);
    const next = new RealmLimiter(limits, t.clock, t.sleep, parseLimiterWindow(stored));
    (await next.acquire(true))!();
    expect(t.clock()).toBe(60_250);
    // By then the first batch has gone from what the run after would inherit.
    expect(next.window().batches).toEqual([10_000, 60_250]);
  });

  it('ignores a stored window it cannot read, and entries too old to count', () => {
    const t = fakeTime();
    expect(parseLimiterWindow('{"requests":"lots"}')).toBeUndefined();
    expect(parseLimiterWindow('not json')).toBeUndefined();
    expect(parseLimiterWindow(null)).toBeUndefined();
    const limiter = new RealmLimiter({ requestsPerMinute: 1, batchesPerMinute: 1, concurrent: 1 }, () => 200_000, t.sleep, { requests: [1_000, 150_000], batches: [1_000] });
    expect(limiter.window()).toEqual({ requests: [150_000], batches: [] });
  });
});

describe('RealmLimiter and the per-second cap', () => {
  const limits = { requestsPerMinute: 500, requestsPerSecond: 10, batchesPerMinute: 40, concurrent: 20 };

  it('starts 10 requests at once and holds the 11th until a second after the first ten', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter(limits, t.clock, t.sleep);
    const starts = await Promise.all(
      Array.from({ length: 11 }, async () => {
        const release = (await limiter.acquire(false))!;
        const at = t.clock();
        release();
        return at;
      }),
    );
    // The fake clock moves as soon as the 11th sleeps, so the first ten read it a moment late: together, all the same.
    expect(new Set(starts.slice(0, 10)).size).toBe(1);
    expect(starts[10] - starts[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps the cap when the limits leave it out, and with the in-flight cap at 10 as QBO has it', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter(QBO_LIMITS, t.clock, t.sleep);
    const starts: number[] = [];
    for (let i = 0; i < 21; i++) {
      (await limiter.acquire(false))!();
      starts.push(t.clock());
    }
    // Any one second holds at most 10 starts.
    for (const s of starts) expect(starts.filter((x) => x >= s && x < s + 1_000).length).toBeLessThanOrEqual(10);
    const unset = new RealmLimiter({ requestsPerMinute: 500, batchesPerMinute: 40, concurrent: 20 }, t.clock, t.sleep);
    const from = t.clock();
    for (let i = 0; i < 11; i++) (await unset.acquire(false))!();
    expect(t.clock() - from).toBeGreaterThanOrEqual(1_000);
  });

  it('counts a request in flight until a second after its answer, so a slow answer cannot free its slot early', async () => {
    const t = fakeTime();
    const limiter = new RealmLimiter({ ...limits, requestsPerSecond: 1 }, t.clock, t.sleep);
    const slow = (await limiter.acquire(false))!;
    await t.sleep(3_000);
    // Started 3 s ago but unanswered, it still counts: nothing else starts, however long we wait.
    expect(await limiter.acquire(false, t.clock() + 2_000)).toBeNull();
    slow();
    const answeredAt = t.clock();
    (await limiter.acquire(false))!();
    expect(t.clock() - answeredAt).toBeGreaterThanOrEqual(1_000);
  });

  it('starts from the previous run’s last second too', async () => {
    const t = fakeTime();
    await t.sleep(100_000);
    const seed = { requests: Array.from({ length: 10 }, () => t.clock() - 200), batches: [] };
    const limiter = new RealmLimiter(limits, t.clock, t.sleep, seed);
    const from = t.clock();
    (await limiter.acquire(false))!();
    expect(t.clock() - from).toBeGreaterThanOrEqual(800);
  });
});
