import type { Realm } from './types';

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/**
 * Per-realm throttles: requests per minute, requests per second, batch requests per minute, and
 * requests in flight. Windows run on the sim clock so tests can move past them without sleeping.
 * Rejected requests do not fill the windows, so a client that backs off gets through again.
 */
export function admit(realm: Realm, nowMs: number, isBatch: boolean): boolean {
  const { limits } = realm.settings;
  const cutoff = nowMs - MINUTE_MS;
  realm.window.requests = realm.window.requests.filter((t) => t > cutoff);
  realm.window.batches = realm.window.batches.filter((t) => t > cutoff);
  if (realm.window.requests.length >= limits.requestsPerMinute) return false;
  const secondCutoff = nowMs - SECOND_MS;
  if (realm.window.requests.filter((t) => t > secondCutoff).length >= limits.requestsPerSecond) return false;
  if (isBatch && realm.window.batches.length >= limits.batchesPerMinute) return false;
  if (realm.inFlight >= limits.concurrent) return false;
  realm.window.requests.push(nowMs);
  if (isBatch) realm.window.batches.push(nowMs);
  realm.inFlight += 1;
  return true;
}

export function release(realm: Realm): void {
  realm.inFlight = Math.max(0, realm.inFlight - 1);
}
