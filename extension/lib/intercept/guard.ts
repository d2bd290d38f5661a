import type { EditAction, SelectorList } from "../selectors"
import { classifyClick, classifyShortcut } from "./classify"

export interface EditAttempt {
  action: EditAction
  via: "click" | "shortcut"
  /** Lets the original action through once (after "Edit anyway"). */
  replay: () => void
}

export interface EditGuardOptions {
  win: Window
  /** True while the page shows a record Sharper owns and no override was granted. */
  active: () => boolean
  selectors: () => SelectorList
  /** Events from the extension's own overlay and dialog. */
  isOurs: (target: EventTarget | null) => boolean
  onAttempt: (attempt: EditAttempt) => void
  onFirstChange: () => void
}

/**
 * Capture-phase listeners on window run before QBO's handlers (React listens on its root), so a
 * commit action is stopped before QBO sees it. Pointer and mouse presses on the same control are
 * swallowed too, because some design-system buttons act on press rather than click.
 */
export function installEditGuard(o: EditGuardOptions): () => void {
  let replaying = false
  const stop = (e: Event) => {
    e.preventDefault()
    e.stopImmediatePropagation()
  }
  const classify = (e: Event) => {
    if (replaying || !o.active() || o.isOurs(e.target) || !(e.target instanceof Element)) return null
    return classifyClick(e.target, o.selectors())
  }
  const onPress = (e: Event) => {
    if (classify(e)) e.stopImmediatePropagation()
  }
  const onClick = (e: Event) => {
    const hit = classify(e)
    if (!hit) return
    stop(e)
    const { control } = hit
    o.onAttempt({
      action: hit.action,
      via: "click",
      replay: () => {
        replaying = true
        try {
          ;(control as HTMLElement).click()
        } finally {
          replaying = false
        }
      }
    })
  }
  const onKey = (e: KeyboardEvent) => {
    if (replaying || !o.active() || o.isOurs(e.target)) return
    const action = classifyShortcut(e, o.selectors())
    if (!action) return
    stop(e)
    const target = e.target ?? o.win.document
    const init: KeyboardEventInit = { key: e.key, code: e.code, ctrlKey: e.ctrlKey, altKey: e.altKey, shiftKey: e.shiftKey, metaKey: e.metaKey, bubbles: true, cancelable: true, composed: true }
    o.onAttempt({
      action,
      via: "shortcut",
      replay: () => {
        replaying = true
        try {
          target.dispatchEvent(new KeyboardEvent("keydown", init))
        } finally {
          replaying = false
        }
      }
    })
  }
  let changed = false
  const onChange = (e: Event) => {
    if (changed || !o.active() || o.isOurs(e.target)) return
    changed = true
    o.onFirstChange()
  }
  const listeners: [string, EventListener][] = [
    ["pointerdown", onPress],
    ["mousedown", onPress],
    ["mouseup", onPress],
    ["click", onClick],
    ["keydown", onKey as EventListener],
    ["input", onChange],
    ["change", onChange]
  ]
  for (const [type, fn] of listeners) o.win.addEventListener(type, fn, true)
  return () => {
    for (const [type, fn] of listeners) o.win.removeEventListener(type, fn, true)
  }
}

