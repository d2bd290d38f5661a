import type { EditAction } from "../selectors"
import { formatValue, type OverlayModel } from "./model"
import { OVERLAY_CSS } from "./styles"

export const HOST_ID = "sharper-sync-root"

const ACTION_LABEL: Record<EditAction, string> = {
  save: "Save",
  save_and_close: "Save and close",
  save_and_new: "Save and new",
  save_and_send: "Save and send",
  review_and_send: "Review and send",
  delete: "Delete",
  void: "Void"
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  if (text !== undefined) node.textContent = text
  return node
}

/**
 * One host element with a shadow root: QBO's styles cannot reach in, and ours cannot leak out.
 * QBO re-renders can remove foreign nodes, so `ensure()` re-attaches the host when it is gone.
 */
export function createOverlayHost(doc: Document) {
  const host = el(doc, "div", { id: HOST_ID })
  const root = host.attachShadow({ mode: "open" })
  root.append(el(doc, "style", {}, OVERLAY_CSS))
  const slot = el(doc, "div")
  root.append(slot)
  // Keys typed in our dialog must not reach QBO's shortcut handlers.
  host.addEventListener("keydown", (e) => e.stopPropagation())
  let warning: string | null = null
  // The accountant can fold the panel into a one-line pill if it covers something of QBO's.
  let collapsed = false
  let model: OverlayModel | null = null

  function draw() {
    slot.replaceChildren()
    host.dataset.tone = model?.tone ?? "none"
    if (!model) return
    const panel = el(doc, "section", { class: collapsed ? "panel collapsed" : "panel", "data-tone": model.tone, "data-testid": "sharper-overlay", role: "status", "aria-label": "Sharper Sync" })
    const head = el(doc, "div", { class: "head" })
    const toggle = el(doc, "button", { class: "collapse", type: "button", "aria-expanded": String(!collapsed), "aria-label": collapsed ? "Show Sharper Sync details" : "Fold Sharper Sync panel" }, collapsed ? "+" : "–")
    toggle.addEventListener("click", () => {
      collapsed = !collapsed
      draw()
    })
    head.append(el(doc, "span", { class: "brand" }, collapsed ? `Sharper Sync · ${model.title}` : "Sharper Sync"), toggle)
    panel.append(head)
    slot.append(panel)
    if (collapsed) return
    panel.append(el(doc, "div", { class: "title" }, model.title))
    for (const line of model.lines) panel.append(el(doc, "div", { class: "line" }, line))
    if (model.fields.length) {
      const table = el(doc, "table", { "data-testid": "sharper-drift" })
      const hr = el(doc, "tr")
      hr.append(el(doc, "th", {}, "Field"), el(doc, "th", {}, "Sharper"), el(doc, "th", {}, "QuickBooks"))
      table.append(hr)
      for (const f of model.fields) {
        const tr = el(doc, "tr")
        tr.append(el(doc, "td", {}, f.field), el(doc, "td", {}, formatValue(f.sharper)), el(doc, "td", {}, formatValue(f.quickbooks)))
        table.append(tr)
      }
      panel.append(table)
    }
    if (model.link) panel.append(el(doc, "a", { class: "open", href: model.link.href, target: "_blank", rel: "noopener noreferrer" }, model.link.label))
    if (warning) panel.append(el(doc, "div", { class: "warning", role: "alert", "data-testid": "sharper-edit-warning" }, warning))
  }

  return {
    host,
    ensure() {
      const parent = doc.body ?? doc.documentElement
      if (parent && !host.isConnected) parent.append(host)
    },
    show(next: OverlayModel | null) {
      model = next
      warning = null
      draw()
    },
    warn(text: string) {
      warning = text
      draw()
    },
    /**
     * The "this record belongs to Sharper" dialog. Resolves with the accountant's choice;
     * "Open in Sharper" has focus, so Enter takes the safe path.
     */
    ask(a: { action: EditAction; title: string; sharperUrl: string | null; onEditAnyway: () => Promise<string | null> }): Promise<"open" | "edit" | "cancel"> {
      return new Promise((resolve) => {
        const backdrop = el(doc, "div", { class: "backdrop" })
        const dialog = el(doc, "div", { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "sharper-dialog-title", "data-testid": "sharper-dialog" })
        dialog.append(
          el(doc, "h2", { id: "sharper-dialog-title" }, `${ACTION_LABEL[a.action]}: this record belongs to Sharper`),
          el(doc, "p", {}, `${a.title} was created by Sharper and is kept in step with it. A change made here in QuickBooks is not sent back to Sharper: the two books drift apart and the next reconciliation will not match.`),
          el(doc, "p", {}, "Make the change in Sharper instead; it reaches QuickBooks with the next sync.")
        )
        const error = el(doc, "p", { class: "error", role: "alert" })
        const buttons = el(doc, "div", { class: "buttons" })
        const edit = el(doc, "button", { type: "button", "data-testid": "sharper-edit-anyway" }, "Edit anyway")
        const cancel = el(doc, "button", { type: "button" }, "Cancel")
        const open = el(doc, "button", { type: "button", class: "primary", "data-testid": "sharper-open" }, "Open in Sharper")
        if (!a.sharperUrl) open.disabled = true
        buttons.append(cancel, edit, open)
        dialog.append(error, buttons)
        backdrop.append(dialog)
        slot.append(backdrop)
        const close = (choice: "open" | "edit" | "cancel") => {
          backdrop.remove()
          resolve(choice)
        }
        open.addEventListener("click", () => {
          if (a.sharperUrl) window.open(a.sharperUrl, "_blank", "noopener")
          close("open")
        })
        cancel.addEventListener("click", () => close("cancel"))
        edit.addEventListener("click", async () => {
          edit.disabled = true
          const failure = await a.onEditAnyway()
          if (failure) {
            error.textContent = `The override could not be recorded, so nothing was changed: ${failure}`
            edit.disabled = false
            return
          }
          close("edit")
        })
        dialog.addEventListener("keydown", (e) => {
          if (e.key === "Escape") close("cancel")
        })
        ;(a.sharperUrl ? open : cancel).focus()
      })
    }
  }
}
export type OverlayHost = ReturnType<typeof createOverlayHost>
