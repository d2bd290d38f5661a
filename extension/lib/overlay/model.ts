import type { DriftField, RecordStatus } from "../api/types"
import type { PageInfo } from "../page/detect"

export type OverlayTone = "synced" | "pending" | "failed" | "held" | "drift" | "new" | "quiet"

export interface OverlayModel {
  tone: OverlayTone
  title: string
  lines: string[]
  fields: DriftField[]
  link: { href: string; label: string } | null
  /** Whether edits on this page are Sharper's to make (turns the edit guard on). */
  guarded: boolean
}

const ENTITY_LABEL: Record<string, string> = {
  Invoice: "invoice",
  Payment: "payment",
  CreditMemo: "credit memo",
  RefundReceipt: "refund receipt",
  SalesReceipt: "sales receipt",
  JournalEntry: "journal entry",
  Customer: "customer"
}

/** "27 Nov 2026, 14:05" in the accountant's locale and time zone. */
export function formatWhen(iso: string | null, locale?: string): string {
  if (!iso) return "an unknown time"
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return "an unknown time"
  return d.toLocaleString(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(empty)"
  return typeof v === "string" ? v : JSON.stringify(v)
}

/**
 * What the overlay shows for a page and the Worker's answer; null means show nothing (a record
 * Sharper does not own, or a page that is not a record). Pure, so every state is unit-tested.
 */
export function overlayModel(page: PageInfo, status: RecordStatus | null, opts: { locale?: string } = {}): OverlayModel | null {
  if (page.kind === "new") {
    return {
      tone: "new",
      title: `New ${ENTITY_LABEL[page.entity]}: create it in Sharper`,
      lines: ["AR records (invoices, payments, credit memos, refunds) are created in Sharper and synced to QuickBooks. One made here is not in Sharper and will not reconcile."],
      fields: [],
      link: null,
      guarded: false
    }
  }
  if (page.kind !== "record" || !status || !status.owned) return null
  const { record, sync } = status
  const label = ENTITY_LABEL[page.entity]
  const title = `Sharper ${label} ${record.docNumber ?? record.id}`
  const link = status.openInSharperUrl ? { href: status.openInSharperUrl, label: "Open in Sharper" } : null
  const base = { title, link, guarded: true, fields: [] as DriftField[] }
  const changeHint = "Change it in Sharper; edits made here are not synced back."
  switch (sync.state) {
    case "synced":
      return { ...base, tone: "synced", lines: [`Synced to QuickBooks ${formatWhen(sync.at, opts.locale)}.`, changeHint] }
    case "pending":
      return { ...base, tone: "pending", lines: [sync.reason ? `Waiting to sync: ${sync.reason}` : "A newer version is waiting to sync to QuickBooks.", changeHint] }
    case "failed":
      return { ...base, tone: "failed", lines: [`Sync failed: ${sync.reason ?? "no reason recorded"}`, "Fix it in Sharper, then requeue from the Sharper Sync popup."] }
    case "held":
      return { ...base, tone: "held", lines: [`Held in Sharper: ${sync.reason ?? "no reason recorded"}`, changeHint] }
    case "edited_in_quickbooks": {
      const drift = sync.drift
      const lines = drift?.deleted
        ? [`Deleted in QuickBooks (noticed ${formatWhen(drift.detectedAt, opts.locale)}). Sharper still has it.`]
        : [`Edited in QuickBooks (noticed ${formatWhen(drift?.detectedAt ?? sync.at, opts.locale)}). These fields no longer match Sharper:`]
      return { ...base, tone: "drift", title: `${title}: edited in QuickBooks`, lines, fields: drift?.fields ?? [] }
    }
  }
}

/** The line shown in the overlay for a status the extension could not fetch (not configured, offline). */
export function quietModel(message: string): OverlayModel {
  return { tone: "quiet", title: "Sharper Sync", lines: [message], fields: [], link: null, guarded: false }
}
