export interface NavigationWatchOptions {
  /** Reads the current URL (location.href). */
  read: () => string
  onChange: (href: string) => void
  /** The window whose popstate/hashchange also trigger a check. */
  win: Pick<Window, "addEventListener" | "removeEventListener">
  intervalMs?: number
  setInterval?: (fn: () => void, ms: number) => unknown
  clearInterval?: (handle: unknown) => void
}

/**
 * Calls `onChange` whenever the SPA's URL changes. QBO navigates with history.pushState, which
 * fires no event an isolated-world content script can hear, so the URL is polled (cheap: one
 * string compare) and popstate covers back/forward at once.
 */
export function watchNavigation(o: NavigationWatchOptions): () => void {
  let last = o.read()
  const check = () => {
    const now = o.read()
    if (now === last) return
    last = now
    o.onChange(now)
  }
  const set = o.setInterval ?? ((fn, ms) => setInterval(fn, ms))
  const clear = o.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>))
  const handle = set(check, o.intervalMs ?? 250)
  o.win.addEventListener("popstate", check)
  o.win.addEventListener("hashchange", check)
  return () => {
    clear(handle)
    o.win.removeEventListener("popstate", check)
    o.win.removeEventListener("hashchange", check)
  }
}
