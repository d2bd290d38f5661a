/**
 * Keeps each record's status for a short time and shares one in-flight request, so a page view
 * costs at most one Worker request even when QBO re-renders or the SPA flips back and forth.
 */
export function createTtlCache<T>(o: { ttlMs: number; now?: () => number; maxEntries?: number }) {
  const now = o.now ?? Date.now
  const entries = new Map<string, { at: number; value: Promise<T> }>()
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key)
      if (hit && now() - hit.at < o.ttlMs) return hit.value
      const value = load()
      entries.set(key, { at: now(), value })
      // A failure is not cached: the next page view asks again.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key))
      if (entries.size > (o.maxEntries ?? 200)) entries.delete(entries.keys().next().value as string)
      return value
    },
    clear: () => entries.clear()
  }
}
