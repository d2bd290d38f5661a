import { describe, expect, it } from "vitest"

import { detectPage, isQboHost, pageKey } from "./detect"

describe("detectPage", () => {
  it.each([
    ["https://qbo.intuit.com/app/invoice?txnId=130", "Invoice", "130"],
    ["https://c1.qbo.intuit.com/app/recvpayment?txnId=77", "Payment", "77"],
    ["https://app.qbo.intuit.com/app/creditmemo?txnId=9", "CreditMemo", "9"],
    ["https://app.sandbox.qbo.intuit.com/app/refundreceipt?txnId=12", "RefundReceipt", "12"],
    ["https://sandbox.qbo.intuit.com/app/salesreceipt?txnId=5", "SalesReceipt", "5"],
    ["https://c34.qbo.intuit.com/app/journal?txnId=400", "JournalEntry", "400"],
    ["https://qbo.intuit.com/app/customerdetail?nameId=58", "Customer", "58"]
  ])("%s is a %s record", (href, entity, id) => {
    expect(detectPage(href)).toMatchObject({ kind: "record", entity, id })
  })

  it("ignores extra parameters in any order and reads the realm when the URL names it", () => {
    expect(detectPage("https://qbo.intuit.com/app/invoice?jobId=sales&txnId=130&deeplinkcompanyid=9130355")).toEqual({
      kind: "record",
      entity: "Invoice",
      id: "130",
      realmId: "9130355",
      path: "/app/invoice?jobId=sales&txnId=130&deeplinkcompanyid=9130355"
    })
    expect(detectPage("https://qbo.intuit.com/app/invoice?txnId=130")).toMatchObject({ realmId: null })
  })

  it("treats a bare AR transaction URL as a new record, but not a blank journal entry or customer", () => {
    expect(detectPage("https://qbo.intuit.com/app/invoice")).toMatchObject({ kind: "new", entity: "Invoice" })
    expect(detectPage("https://qbo.intuit.com/app/invoice?nameId=58")).toMatchObject({ kind: "new", entity: "Invoice" })
    expect(detectPage("https://qbo.intuit.com/app/creditmemo/create?customerId=3")).toMatchObject({ kind: "new", entity: "CreditMemo" })
    expect(detectPage("https://qbo.intuit.com/app/recvpayment")).toMatchObject({ kind: "new", entity: "Payment" })
    expect(detectPage("https://qbo.intuit.com/app/journal")).toEqual({ kind: "other" })
    expect(detectPage("https://qbo.intuit.com/app/customerdetail")).toEqual({ kind: "other" })
  })

  it.each([
    "https://qbo.intuit.com/app/invoices",
    "https://qbo.intuit.com/app/homepage",
    "https://qbo.intuit.com/app/bill?txnId=3",
    "https://qbo.intuit.com/app/invoice?txnId=abc",
    "https://qbo.intuit.com/invoice?txnId=130",
    "http://qbo.intuit.com/app/invoice?txnId=130",
    "https://accounts.intuit.com/app/invoice?txnId=130",
    "https://qbo.intuit.com.evil.example/app/invoice?txnId=130",
    "https://example.com/app/invoice?txnId=130",
    "not a url"
  ])("%s is not a page the extension acts on", (href) => {
    expect(detectPage(href)).toEqual({ kind: "other" })
  })

  it("knows QBO hosts, including every subdomain and no look-alikes", () => {
    expect(isQboHost("qbo.intuit.com")).toBe(true)
    expect(isQboHost("C12.QBO.intuit.com")).toBe(true)
    expect(isQboHost("notqbo.intuit.com")).toBe(false)
    expect(isQboHost("intuit.com")).toBe(false)
  })

  it("gives the same key to the same record whatever other parameters change", () => {
    const a = pageKey(detectPage("https://qbo.intuit.com/app/invoice?txnId=130"))
    expect(pageKey(detectPage("https://qbo.intuit.com/app/invoice?txnId=130&jobId=x"))).toBe(a)
    expect(pageKey(detectPage("https://qbo.intuit.com/app/invoice?txnId=131"))).not.toBe(a)
  })
})
