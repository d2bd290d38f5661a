import { preferences } from './company';
import { entityFromName } from './entities/registry';
import { faults } from './faults';
import { clone, deletedView, listAll } from './store';
import type { Realm, Rec } from './types';

const LOOKBACK_MS = 30 * 24 * 3600 * 1000;
const MAX_OBJECTS = 1000;

/**
 * GET /cdc: everything in the listed entities changed at or after changedSince (at most 30 days
 * back, at most 1000 objects), deleted ones as `status: "Deleted"` stubs.
 */
export function runCdc(realm: Realm, now: Date, entitiesParam: string | null, changedSince: string | null): Rec {
  if (!entitiesParam) throw faults.required('entities');
  if (!changedSince) throw faults.required('changedSince');
  const since = Date.parse(changedSince);
  if (Number.isNaN(since)) throw faults.invalidProperty(`changedSince is not a valid dateTime: ${changedSince}`);
  if (since < now.getTime() - LOOKBACK_MS) {
    throw faults.invalidProperty('changedSince cannot be more than 30 days in the past');
  }
  const names = entitiesParam.split(',').map((raw) => {
    if (raw.trim().toLowerCase() === 'preferences') return 'Preferences' as const;
    const name = entityFromName(raw.trim());
    if (!name) throw faults.invalidProperty(`Unsupported entity for CDC: ${raw.trim()}`);
    return name;
  });
  let budget = MAX_OBJECTS;
  const responses = names.map((name) => {
    if (name === 'Preferences') {
      if (realm.preferences.updatedAtMs < since || budget === 0) return {};
      budget -= 1;
      return { Preferences: [preferences(realm)], startPosition: 1, maxResults: 1, totalCount: 1 };
    }
    const changed = listAll(realm, name)
      .filter((s) => s.updatedAtMs >= since)
      .sort((a, b) => a.updatedAtMs - b.updatedAtMs)
      .slice(0, budget);
    budget -= changed.length;
    if (changed.length === 0) return {};
    const rows = changed.map((s) => (s.deleted ? deletedView(s) : clone(s.data)));
    return { [name]: rows, startPosition: 1, maxResults: rows.length, totalCount: rows.length };
  });
  return { CDCResponse: [{ QueryResponse: responses }] };
}
