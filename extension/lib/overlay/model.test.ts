import { describe, expect, it } from "vitest"

import type { RecordStatus } from "../api/types"
import { detectPage } from "../page/detect"
import { overlayModel } from "./model"

const invoicePage = detectPage("https://c1.qbo.intuit.com/app/invoice?txnId=130")

function owned(sync: Partial<Extract<RecordStatus, { owned: true }>["sync"]>): RecordStatus {
  return {
    owned: true,
    company: { id: "co_1", name: "Harbor Point Marina" },
    record: { kind: "invoice", id: "INV-1", docNumber: "1042", name: null },
    sync: { state: "synced", at: "2026-11-27T10:05:00.000Z", reason: null, code: null, jobId: 7, drift: null, ...sync },
    openInSharperUrl: "https://sharper.example.com/invoice/INV-1"
  }
}

describe("overlayModel", () => {
  it("shows a synced record with its Sharper number, when it synced, and the Open in Sharper link", () => {
    const m = overlayModel(invoicePage, owned({}), { locale: "en-GB" })!
    expect(m.tone).toBe("synced")
    expect(m.title).toBe("Sharper invoice 1042")
    expect(m.lines[0]).toMatch(/^Synced to QuickBooks 27 Nov 2026/)
    expect(m.link).toEqual({ href: "https://sharper.example.com/invoice/INV-1", label: "Open in Sharper" })
    expect(m.guarded).toBe(true)
  })

  it("shows the failure reason", () => {
    const m = overlayModel(invoicePage, owned({ state: "failed", reason: "Duplicate Document Number Error" }))!
    expect(m.tone).toBe("failed")
    expect(m.lines[0]).toBe("Sync failed: Duplicate Document Number Error")
  })

  it("shows pending and held", () => {
    expect(overlayModel(invoicePage, owned({ state: "pending" }))!.lines[0]).toMatch(/waiting to sync/i)
    expect(overlayModel(invoicePage, owned({ state: "pending", reason: "Customer C-1 is not in QuickBooks yet" }))!.lines[0]).toBe("Waiting to sync: Customer C-1 is not in QuickBooks yet")
    expect(overlayModel(invoicePage, owned({ state: "held", reason: "Product Slip 40ft is inactive" }))!.lines[0]).toBe("Held in Sharper: Product Slip 40ft is inactive")
  })

  it("shows an edit made in QuickBooks with the changed fields", () => {
    const fields = [{ field: "Line[0].Amount", sharper: "580.65", quickbooks: "600.00" }]
    const m = overlayModel(invoicePage, owned({ state: "edited_in_quickbooks", drift: { detectedAt: "2026-11-27T11:00:00Z", deleted: false, fields } }))!
    expect(m.tone).toBe("drift")
    expect(m.title).toBe("Sharper invoice 1042: edited in QuickBooks")
    expect(m.fields).toEqual(fields)
  })

  it("says so when QuickBooks deleted the record", () => {
    const m = overlayModel(invoicePage, owned({ state: "edited_in_quickbooks", drift: { detectedAt: "2026-11-27T11:00:00Z", deleted: true, fields: [] } }))!
    expect(m.lines[0]).toMatch(/^Deleted in QuickBooks/)
  })

  it("shows nothing for a record Sharper does not own, or a page that is not a record", () => {
    expect(overlayModel(invoicePage, { owned: false, reason: "not_in_sharper" })).toBeNull()
    expect(overlayModel(invoicePage, { owned: false, reason: "other_company" })).toBeNull()
    expect(overlayModel(detectPage("https://qbo.intuit.com/app/homepage"), null)).toBeNull()
  })

  it("warns on a new AR transaction page, without guarding it", () => {
    const m = overlayModel(detectPage("https://qbo.intuit.com/app/invoice"), null)!
    expect(m.tone).toBe("new")
    expect(m.title).toBe("New invoice: create it in Sharper")
    expect(m.guarded).toBe(false)
  })

  it("leaves the link out when the company has no Open in Sharper template", () => {
    const status = { ...owned({}), openInSharperUrl: null } as RecordStatus
    expect(overlayModel(invoicePage, status)!.link).toBeNull()
  })
})
