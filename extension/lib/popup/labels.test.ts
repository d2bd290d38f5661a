import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { describe, expect, it } from "vitest"

import { withAbsoluteReconnectUrl } from "../api/client"
import type { CompanySummary } from "../api/types"
import { reconnectWarning } from "./labels"
import { ReconnectNotice } from "./popup-view"

type Connection = CompanySummary["connection"]
const qbo = (extra: Partial<Extract<Connection, { target: "qbo" }>> = {}): Pick<CompanySummary, "connection"> => ({
  connection: { target: "qbo", state: "connected", message: null, realmId: "9130", reconnectBy: null, ...extra }
})
const soon = { by: "2031-12-03T16:45:25.000Z", daysLeft: 29, reason: "hard_maximum" as const, url: "https://sync.example.com/app/settings" }

describe("popup: the reconnect warning", () => {
  it("says by when and where to reconnect, only while the Worker reports the grant ending", () => {
    expect(reconnectWarning(qbo(), "en-GB")).toBeNull()
    expect(reconnectWarning(qbo({ reconnectBy: undefined }), "en-GB")).toBeNull()
    expect(reconnectWarning(qbo({ state: "reconnect_needed", reconnectBy: soon }), "en-GB")).toBeNull()
    expect(reconnectWarning({ connection: { target: "qbd", lastContactAt: null, lastResult: null, known: false } }, "en-GB")).toBeNull()
    expect(reconnectWarning(qbo({ reconnectBy: soon }), "en-GB")).toEqual({
      text: "QuickBooks Online will require you to reconnect by 3 Dec 2031 (29 days): reconnect now at https://sync.example.com/app/settings",
      why: "Intuit ends every authorization five years after it was granted.",
      url: "https://sync.example.com/app/settings"
    })
    expect(reconnectWarning(qbo({ reconnectBy: { ...soon, daysLeft: 1, reason: "refresh_window" } }), "en-GB")?.why).toContain("100 days unused")
  })

  it("renders as an alert with the link", () => {
    expect(renderToStaticMarkup(createElement(ReconnectNotice, { company: qbo() }))).toBe("")
    const html = renderToStaticMarkup(createElement(ReconnectNotice, { company: qbo({ reconnectBy: soon }) }))
    expect(html).toContain('role="alert"')
    expect(html).toContain('QuickBooks Online will require you to reconnect by')
    expect(html).toContain('reconnect now at <a href="https://sync.example.com/app/settings"')
  })

  it("resolves a link the Worker sent relative to itself against the Worker URL", () => {
    const company = { ...qbo({ reconnectBy: { ...soon, url: "/app/settings" } }) } as CompanySummary
    const resolved = withAbsoluteReconnectUrl(company, "https://sync.example.com")
    expect(resolved.connection).toMatchObject({ reconnectBy: { url: "https://sync.example.com/app/settings" } })
    const absolute = { ...qbo({ reconnectBy: soon }) } as CompanySummary
    expect(withAbsoluteReconnectUrl(absolute, "https://other.example.com")).toBe(absolute)
  })
})
