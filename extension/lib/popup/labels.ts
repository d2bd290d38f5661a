import type { CompanySummary } from "../api/types"
import { formatWhen } from "../overlay/model"

/** "QuickBooks Online: connected", "QuickBooks Desktop: Web Connector last ran 27 Nov…", … */
export function connectionLine(c: Pick<CompanySummary, "connection">, locale?: string): string {
  const conn = c.connection
  switch (conn.target) {
    case "qbo": {
      const state = { connected: "connected", reconnect_needed: "reconnect needed", disconnected: "disconnected", not_connected: "not connected" }[conn.state]
      return `QuickBooks Online: ${state}${conn.message && conn.state !== "connected" ? ` (${conn.message})` : ""}`
    }
    case "qbd":
      return conn.lastContactAt ? `QuickBooks Desktop: Web Connector last contact ${formatWhen(conn.lastContactAt, locale)}` : "QuickBooks Desktop: Web Connector last contact unknown"
    case "none":
      return "Not syncing to QuickBooks"
  }
}

const RECONNECT_WHY = {
  hard_maximum: "Intuit ends every authorization five years after it was granted.",
  refresh_window: "Nothing has refreshed the authorization for months; Intuit drops it after about 100 days unused."
} as const

/**
 * The Health page's warning, word for word, when QuickBooks Online is about to end the saved
 * authorization; null when there is nothing to warn about.
 */
export function reconnectWarning(c: Pick<CompanySummary, "connection">, locale?: string): { text: string; why: string; url: string } | null {
  const conn = c.connection
  if (conn.target !== "qbo" || conn.state !== "connected" || !conn.reconnectBy) return null
  const { by, daysLeft, reason, url } = conn.reconnectBy
  const date = new Date(by).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
  const left = daysLeft === 1 ? "1 day" : `${daysLeft} days`
  return { text: `QuickBooks Online will require you to reconnect by ${date} (${left}): reconnect now at ${url}`, why: RECONNECT_WHY[reason], url }
}
