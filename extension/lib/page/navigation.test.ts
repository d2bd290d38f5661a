import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { watchNavigation } from "./navigation"

class FakeWindow {
  listeners = new Map<string, Set<() => void>>()
  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set())
    this.listeners.get(type)!.add(fn)
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn)
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn()
  }
}

describe("watchNavigation", () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it("reports a pushState navigation on the next poll, once", () => {
    let href = "https://qbo.intuit.com/app/invoice?txnId=130"
    const seen: string[] = []
    const win = new FakeWindow()
    watchNavigation({ read: () => href, onChange: (h) => seen.push(h), win: win as unknown as Window, intervalMs: 250 })
    href = "https://qbo.intuit.com/app/invoice?txnId=131"
    vi.advanceTimersByTime(249)
    expect(seen).toEqual([])
    vi.advanceTimersByTime(1)
    vi.advanceTimersByTime(1000)
    expect(seen).toEqual(["https://qbo.intuit.com/app/invoice?txnId=131"])
  })

  it("reacts to back/forward (popstate) without waiting for the poll", () => {
    let href = "https://qbo.intuit.com/app/invoice?txnId=131"
    const seen: string[] = []
    const win = new FakeWindow()
    watchNavigation({ read: () => href, onChange: (h) => seen.push(h), win: win as unknown as Window, intervalMs: 10_000 })
    href = "https://qbo.intuit.com/app/invoice?txnId=130"
    win.fire("popstate")
    expect(seen).toEqual([href])
  })

  it("stops polling and listening when stopped", () => {
    let href = "a"
    const seen: string[] = []
    const win = new FakeWindow()
    const stop = watchNavigation({ read: () => href, onChange: (h) => seen.push(h), win: win as unknown as Window })
    stop()
    href = "b"
    vi.advanceTimersByTime(5000)
    win.fire("popstate")
    expect(seen).toEqual([])
    expect(win.listeners.get("popstate")?.size).toBe(0)
  })
})
