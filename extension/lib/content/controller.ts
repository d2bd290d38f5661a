import type { RecordStatus } from "../api/types"
import { installEditGuard, type EditAttempt } from "../intercept/guard"
import type { Ask } from "../messaging"
import { overlayModel, quietModel, type OverlayModel } from "../overlay/model"
import { createOverlayHost } from "../overlay/render"
import { detectPage, pageKey, type PageInfo } from "../page/detect"
import { watchNavigation } from "../page/navigation"
import { builtInSelectors, parseSelectorList, type SelectorList } from "../selectors"

export const EDIT_WARNING = "You are changing a record Sharper owns. Saving here makes QuickBooks differ from Sharper: make the change in Sharper instead."

interface View {
  key: string
  page: PageInfo
  model: OverlayModel | null
  status: RecordStatus | null
  /** "Edit anyway" was chosen on this page view: let further actions through until the page changes. */
  overridden: boolean
}

/**
 * The content script's whole job: on every page view (load or in-app navigation) detect the
 * record, ask the background for its status once, show the overlay, and guard edits of
 * Sharper's records. Entry point `contents/qbo.ts` only calls this.
 */
export function startContentScript({ win, ask }: { win: Window; ask: Ask }) {
  const doc = win.document
  const overlay = createOverlayHost(doc)
  let selectors: SelectorList = builtInSelectors
  let view: View = { key: "", page: { kind: "other" }, model: null, status: null, overridden: false }
  let dialogOpen = false

  void ask("selectors", {}).then((r) => {
    if (r.ok && r.data) selectors = parseSelectorList(r.data) ?? selectors
  })

  async function load(href: string) {
    const page = detectPage(href)
    const key = pageKey(page)
    if (key === view.key) return
    view = { key, page, model: null, status: null, overridden: false }
    overlay.host.dataset.page = key
    if (page.kind !== "record") {
      overlay.host.dataset.status = page.kind
      overlay.show(overlayModel(page, null))
      return
    }
    overlay.host.dataset.status = "loading"
    overlay.show(null)
    const res = await ask("status", { entity: page.entity, id: page.id, realmId: page.realmId })
    if (view.key !== key) return
    if (!res.ok) {
      overlay.host.dataset.status = "error"
      // Unconfigured: stay silent on every QBO page; other failures get a quiet marker.
      view.model = res.error.code === "NOT_CONFIGURED" ? null : quietModel(`Status unavailable: ${res.error.message}`)
    } else {
      view.status = res.data
      view.model = overlayModel(page, res.data)
      overlay.host.dataset.status = res.data.owned ? `owned-${res.data.sync.state}` : "not-owned"
    }
    overlay.show(view.model)
    // For the browser test's timing: when, after navigation start, the answer was on screen.
    overlay.host.dataset.shownAt = String(Math.round(performance.now()))
  }

  async function onAttempt(attempt: EditAttempt) {
    const { page, status } = view
    if (dialogOpen || page.kind !== "record" || !status?.owned) return
    dialogOpen = true
    const key = view.key
    const choice = await overlay.ask({
      action: attempt.action,
      title: view.model?.title ?? "This record",
      sharperUrl: status.openInSharperUrl,
      onEditAnyway: async () => {
        const r = await ask("override", { entity: page.entity, id: page.id, realmId: page.realmId ?? undefined, action: attempt.action, via: attempt.via, pagePath: page.path })
        return r.ok ? null : r.error.message
      }
    })
    dialogOpen = false
    if (choice === "edit" && view.key === key) {
      view.overridden = true
      attempt.replay()
    }
  }

  installEditGuard({
    win,
    active: () => Boolean(view.model?.guarded) && !view.overridden,
    selectors: () => selectors,
    isOurs: (t) => t === overlay.host,
    onAttempt: (a) => void onAttempt(a),
    onFirstChange: () => overlay.warn(EDIT_WARNING)
  })

  const attach = () => overlay.ensure()
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", attach, { once: true })
  else attach()
  // QBO re-renders can drop foreign nodes (qbo-web-app-dom.md §6.4): put the overlay back.
  new MutationObserver(attach).observe(doc.documentElement, { childList: true, subtree: false })
  const watchBody = () => doc.body && new MutationObserver(attach).observe(doc.body, { childList: true })
  if (doc.body) watchBody()
  else doc.addEventListener("DOMContentLoaded", watchBody, { once: true })

  void load(win.location.href)
  watchNavigation({ read: () => win.location.href, onChange: (href) => void load(href), win })
}
