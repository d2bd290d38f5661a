import { describe, expect, it } from "vitest"

import { createTtlCache } from "./status-cache"

describe("status cache", () => {
  it("shares one request per key within the TTL and asks again after it", async () => {
    let t = 0
    let calls = 0
    const cache = createTtlCache<number>({ ttlMs: 30_000, now: () => t })
    const load = async () => ++calls
    expect(await Promise.all([cache.get("a", load), cache.get("a", load)])).toEqual([1, 1])
    t = 29_999
    expect(await cache.get("a", load)).toBe(1)
    t = 30_000
    expect(await cache.get("a", load)).toBe(2)
    expect(await cache.get("b", load)).toBe(3)
  })

  it("does not keep a failure", async () => {
    const cache = createTtlCache<number>({ ttlMs: 30_000, now: () => 0 })
    await expect(cache.get("a", () => Promise.reject(new Error("offline")))).rejects.toThrow("offline")
    expect(await cache.get("a", async () => 5)).toBe(5)
  })
})
