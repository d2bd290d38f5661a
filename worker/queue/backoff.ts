/** Retry policy; the table in worker/queue/README.md mirrors these numbers. */
export const RETRY_BASE_MS = 60_000;
export const RETRY_CAP_MS = 6 * 60 * 60_000;
export const MAX_ATTEMPTS = 10;

/**
 * Capped exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * retries of a burst of failures spread out but never come back sooner than half the step.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
