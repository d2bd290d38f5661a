/** Intuit's per-realm limits (qbo-api.md §2.9). */
export interface RealmLimits {
  requestsPerMinute: number;
  batchesPerMinute: number;
  concurrent: number;
}

export const QBO_LIMITS: RealmLimits = { requestsPerMinute: 500, batchesPerMinute: 40, concurrent: 10 };

// A little over a minute, so our window never closes before QBO's does.
const WINDOW_MS = 60_250;

/**
 * Keeps one realm under its limits inside one run: sliding one-minute windows of request and
 * batch starts, plus an in-flight cap. Only one run per company holds the sync lease, so an
 * in-memory limiter is enough; the clock and sleep are injected so the benchmark can simulate time.
 */
export class RealmLimiter {
  #requests: number[] = [];
  #batches: number[] = [];
  #inFlight = 0;

  constructor(
    readonly limits: RealmLimits,
    readonly clock: () => number,
    readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Waits for a slot; returns a release function. */
  async acquire(isBatch: boolean): Promise<() => void> {
    for (;;) {
      const now = this.clock();
      while (this.#requests.length && this.#requests[0] <= now - WINDOW_MS) this.#requests.shift();
      while (this.#batches.length && this.#batches[0] <= now - WINDOW_MS) this.#batches.shift();
      const waits: number[] = [];
      if (this.#requests.length >= this.limits.requestsPerMinute) waits.push(this.#requests[0] + WINDOW_MS - now);
      if (isBatch && this.#batches.length >= this.limits.batchesPerMinute) waits.push(this.#batches[0] + WINDOW_MS - now);
      if (this.#inFlight >= this.limits.concurrent) waits.push(5);
      if (waits.length === 0) {
        this.#requests.push(now);
        if (isBatch) this.#batches.push(now);
        this.#inFlight += 1;
        let released = false;
        return () => {
          if (!released) this.#inFlight -= 1;
          released = true;
        };
      }
      await this.sleep(Math.max(1, Math.max(...waits)));
    }
  }
}
