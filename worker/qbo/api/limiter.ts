import { z } from 'zod';

/** Intuit's per-realm limits (qbo-api.md §2.9). */
export interface RealmLimits {
  requestsPerMinute: number;
  /** Absent: QBO's 10, so limits written before this rule still keep it. */
  requestsPerSecond?: number;
  batchesPerMinute: number;
  concurrent: number;
}

export const QBO_LIMITS = { requestsPerMinute: 500, requestsPerSecond: 10, batchesPerMinute: 40, concurrent: 10 } satisfies RealmLimits;

// A little over a minute (and a second), so our windows never close before QBO's do. A sliding
// window this long also keeps every fixed one-second bucket QBO might count in under the cap.
const WINDOW_MS = 60_250;
const SECOND_WINDOW_MS = 1_050;
// How long to wait before looking again when only an answer (not time) can free a slot.
const POLL_MS = 5;

/** One request or batch as the limiter counts it: `t` is its start until its answer, then the answer's time. */
interface Entry {
  t: number;
  inFlight: boolean;
}

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
 * Keeps one realm under its limits: sliding one-minute windows of requests and batches, a
 * one-second window of requests, plus an in-flight cap. A request counts from when it starts
 * until a minute (a second) after its answer came back:
 * QBO counts it when it arrives, which is somewhere in between, so latency can never make our
 * window shorter than QBO's. Only one run per company holds the sync lease, so the limiter lives in
 * memory for the run and starts from the window the previous run left (a "sync now" just before
 * the hourly cron); the clock and sleep are injected so the benchmark can simulate time.
 */
export class RealmLimiter {
  #requests: Entry[] = [];
  #batches: Entry[] = [];
  #inFlight = 0;

  constructor(
    readonly limits: RealmLimits,
    readonly clock: () => number,
    readonly sleep: (ms: number) => Promise<void>,
    seed?: LimiterWindow,
  ) {
    const finite = (ts: number[] = []) => ts.filter(Number.isFinite).map((t) => ({ t, inFlight: false }));
    this.#requests = finite(seed?.requests);
    this.#batches = finite(seed?.batches);
    this.#prune(clock());
  }

  /** Drops what no longer counts: answered entries older than the window. */
  #prune(now: number) {
    const counts = (r: Entry) => r.inFlight || r.t > now - WINDOW_MS;
    this.#requests = this.#requests.filter(counts);
    this.#batches = this.#batches.filter(counts);
  }

  /** How long until the per-second rule lets one more request start; 0 when it does now. */
  #secondWait(now: number): number {
    const cap = this.limits.requestsPerSecond ?? QBO_LIMITS.requestsPerSecond;
    const recent = this.#requests.filter((r) => r.inFlight || r.t > now - SECOND_WINDOW_MS);
    if (recent.length < cap) return 0;
    // The oldest answered ones leave the window first; requests still in flight leave only
    // after their answer, which no amount of waiting on the clock alone brings.
    const answered = recent.filter((r) => !r.inFlight).map((r) => r.t).sort((a, b) => a - b);
    const mustLeave = recent.length - cap + 1;
    return answered.length >= mustLeave ? answered[mustLeave - 1] + SECOND_WINDOW_MS - now : POLL_MS;
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
      const oldest = (list: Entry[]) => Math.min(...list.map((r) => r.t));
      if (this.#requests.length >= this.limits.requestsPerMinute) waits.push(oldest(this.#requests) + WINDOW_MS - now);
      if (isBatch && this.#batches.length >= this.limits.batchesPerMinute) waits.push(oldest(this.#batches) + WINDOW_MS - now);
      if (this.#inFlight >= this.limits.concurrent) waits.push(POLL_MS);
      const second = this.#secondWait(now);
      if (second > 0) waits.push(second);
      if (waits.length === 0) {
        const entries: Entry[] = [{ t: now, inFlight: true }];
        this.#requests.push(entries[0]);
        if (isBatch) {
          entries.push({ t: now, inFlight: true });
          this.#batches.push(entries[1]);
        }
        this.#inFlight += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.#inFlight -= 1;
          const done = this.clock();
          for (const e of entries) {
            e.t = Math.max(e.t, done);
            e.inFlight = false;
          }
        };
      }
      const wait = Math.max(1, Math.max(...waits));
      if (now + wait > deadline) return null;
      await this.sleep(wait);
    }
  }
}
