import { faults, QboFault } from './faults';
import type { ApiResult } from './api';
import type { CachedResponse, Realm, Rec } from './types';

/**
 * The answer remembered for a requestid, unless the realm's memory (requestIdMemoryMs, sim clock)
 * has let it go: then the id is forgotten and the request runs again, a duplicate create included.
 * Intuit publishes no retention window (reference §2.3), so the length is a setting.
 */
export function rememberedAnswer(realm: Realm, requestId: string, nowMs: number): CachedResponse | undefined {
  const cached = realm.requestIds.get(requestId);
  if (!cached) return undefined;
  const memory = realm.settings.requestIdMemoryMs;
  if (memory !== null && nowMs - cached.atMs > memory) {
    realm.requestIds.delete(requestId);
    return undefined;
  }
  return cached;
}

/** Detail quickbooks-ruby#344 quotes for a replayed batch requestid answered with 6000. */
const REPLAY_6000_DETAIL =
  'An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.  If the problem persists, contact customer support.';

function replayFault(code: string): QboFault {
  if (code === '6000') return faults.business(REPLAY_6000_DETAIL);
  return new QboFault({ code, message: 'A validation error has occurred while processing your request', detail: `Replayed requestid (simulated fault ${code})` });
}

/**
 * A remembered batch requestid answered with a fault instead of the original answer: HTTP 200 with
 * every original bId carrying the Fault, as quickbooks-ruby#344 saw (response_items.first.fault).
 */
export function replayedBatchFault(cached: CachedResponse, code: string, time: string): ApiResult {
  const original = (cached.body as Rec | undefined)?.BatchItemResponse;
  const bIds = Array.isArray(original) ? original.map((item) => String((item as Rec).bId)) : [];
  const fault = replayFault(code).toFault();
  return { status: 200, body: { BatchItemResponse: bIds.map((bId) => ({ bId, Fault: fault })), time } };
}
