/** QBO entities the extension recognises, named as in the QBO API. */
export type QboEntity = "Invoice" | "Payment" | "CreditMemo" | "RefundReceipt" | "SalesReceipt" | "JournalEntry" | "Customer"

export type PageInfo =
  | { kind: "record"; entity: QboEntity; id: string; realmId: string | null; path: string }
  | { kind: "new"; entity: QboEntity; realmId: string | null; path: string }
  | { kind: "other" }

interface Route {
  entity: QboEntity
  idParam: "txnId" | "nameId"
  /** An AR transaction: its bare URL is a new, unsaved record that Sharper should have created. */
  arTransaction: boolean
}

/** `/app/<segment>` → entity (qbo-web-app-dom.md §2, qbo-api.md §6.2). */
const ROUTES: Record<string, Route> = {
  invoice: { entity: "Invoice", idParam: "txnId", arTransaction: true },
  recvpayment: { entity: "Payment", idParam: "txnId", arTransaction: true },
  creditmemo: { entity: "CreditMemo", idParam: "txnId", arTransaction: true },
  refundreceipt: { entity: "RefundReceipt", idParam: "txnId", arTransaction: true },
  salesreceipt: { entity: "SalesReceipt", idParam: "txnId", arTransaction: true },
  // Accountants post many non-AR journal entries in QBO, so a blank one gets no warning.
  journal: { entity: "JournalEntry", idParam: "txnId", arTransaction: false },
  customerdetail: { entity: "Customer", idParam: "nameId", arTransaction: false },
}

/** QBO names the company in several query parameters; none is guaranteed (qbo-web-app-dom.md §2–3). */
const REALM_PARAMS = ["realmId", "deeplinkcompanyid", "companyId", "companyid"]
const ID = /^\d{1,20}$/

export function isQboHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  return h === "qbo.intuit.com" || h.endsWith(".qbo.intuit.com")
}

/**
 * Which QBO page a URL is, from the final location only (QBO redirects deep links). Parsed with
 * URLSearchParams because QBO adds extra parameters in any order.
 */
export function detectPage(href: string): PageInfo {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return { kind: "other" }
  }
  if (url.protocol !== "https:" || !isQboHost(url.hostname)) return { kind: "other" }
  const segments = url.pathname.toLowerCase().split("/").filter(Boolean)
  if (segments[0] !== "app" || !segments[1]) return { kind: "other" }
  const route = ROUTES[segments[1]]
  if (!route) return { kind: "other" }
  const params = url.searchParams
  const realmParam = REALM_PARAMS.map((p) => params.get(p)).find((v) => v && ID.test(v))
  const realmId = realmParam ?? null
  const path = `${url.pathname}${url.search}`
  const id = params.get(route.idParam)
  if (id && ID.test(id) && segments.length === 2) return { kind: "record", entity: route.entity, id, realmId, path }
  // `/app/creditmemo/create?customerId=` is a new credit memo too (qbo-web-app-dom.md §2, weak).
  const isNew = !id && (segments.length === 2 || (segments.length === 3 && segments[2] === "create"))
  if (isNew && route.arTransaction) return { kind: "new", entity: route.entity, realmId, path }
  return { kind: "other" }
}

/** A stable key for "the same page" (record or new-record form), ignoring unrelated parameters. */
export function pageKey(page: PageInfo): string {
  if (page.kind === "record") return `record:${page.realmId ?? ""}:${page.entity}:${page.id}`
  if (page.kind === "new") return `new:${page.entity}`
  return "other"
}
