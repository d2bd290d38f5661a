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
