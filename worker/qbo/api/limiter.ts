import { z } from 'zod';

/** Intuit's per-realm limits (qbo-api.md §2.9). */
export interface RealmLimits {
  requestsPerMinute: number;
  batchesPerMinute: number;
  concurrent: number;
}

export const QBO_LIMITS: RealmLimits = { requestsPerMinute: 500, batchesPerMinute: 40, concurrent: 10 };

// A little over a minute, so our window never closes before QBO's does.
const WINDOW_MS = 60_250;

const limiterWindowSchema = z.object({ requests: z.array(z.number()), batches: z.array(z.number()) });

/** The last minute of a realm's requests (epoch ms each), carried from one run to the next. */
export type LimiterWindow = z.infer<typeof limiterWindowSchema>;

/** A window the previous run stored; anything unreadable starts empty (only rate, never data, is at stake). */
export function parseLimiterWindow(json: string | null): LimiterWindow | undefined {
  if (!json) return undefined;
  try {
    const parsed = limiterWindowSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps one realm under its limits: sliding one-minute windows of requests and batches, plus an
 * in-flight cap. A request counts from when it starts until a minute after its answer came back:
 * QBO counts it when it arrives, which is somewhere in between, so latency can never make our
 * window shorter than QBO's. Only one run per company holds the sync lease, so the limiter lives in
 * memory for the run and starts from the window the previous run left (a "sync now" just before
 * the hourly cron); the clock and sleep are injected so the benchmark can simulate time.
 */
export class RealmLimiter {
  #requests: { t: number }[] = [];
  #batches: { t: number }[] = [];
  #inFlight = 0;

  constructor(
    readonly limits: RealmLimits,
    readonly clock: () => number,
    readonly sleep: (ms: number) => Promise<void>,
    seed?: LimiterWindow,
  ) {
    const finite = (ts: number[] = []) => ts.filter(Number.isFinite).map((t) => ({ t }));
    this.#requests = finite(seed?.requests);
    this.#batches = finite(seed?.batches);
    this.#prune(clock());
  }

  /** Drops what no longer counts: entries older than the window. */
  #prune(now: number) {
    this.#requests = this.#requests.filter((r) => r.t > now - WINDOW_MS);
    this.#batches = this.#batches.filter((r) => r.t > now - WINDOW_MS);
  }

  /** What still counts against the realm now, for the next run to start from. */
  window(): LimiterWindow {
    this.#prune(this.clock());
    return { requests: this.#requests.map((r) => r.t), batches: this.#batches.map((r) => r.t) };
  }

  /**
   * Waits for a slot; returns a release function, or null when the wait would run past `deadline`
   * (the run's time box): the caller then stops and leaves the rest for the next run.
   */
  async acquire(isBatch: boolean, deadline = Number.POSITIVE_INFINITY): Promise<(() => void) | null> {
    for (;;) {
      const now = this.clock();
      this.#prune(now);
      const waits: number[] = [];
      const oldest = (list: { t: number }[]) => Math.min(...list.map((r) => r.t));
      if (this.#requests.length >= this.limits.requestsPerMinute) waits.push(oldest(this.#requests) + WINDOW_MS - now);
      if (isBatch && this.#batches.length >= this.limits.batchesPerMinute) waits.push(oldest(this.#batches) + WINDOW_MS - now);
      if (this.#inFlight >= this.limits.concurrent) waits.push(5);
      if (waits.length === 0) {
        const entries = [{ t: now }];
        this.#requests.push(entries[0]);
        if (isBatch) {
          entries.push({ t: now });
          this.#batches.push(entries[1]);
        }
        this.#inFlight += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.#inFlight -= 1;
          const done = this.clock();
          for (const e of entries) e.t = Math.max(e.t, done);
        };
      }
      const wait = Math.max(1, Math.max(...waits));
      if (now + wait > deadline) return null;
      await this.sleep(wait);
    }
  }
}
