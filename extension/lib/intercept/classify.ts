import type { EditAction, SelectorList } from "../selectors"

const normalize = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim().toLowerCase()

/** The control's accessible name as QBO renders it: aria-label, else its text (labels sit in a child span). */
export function accessibleName(el: Element): string {
  return normalize(el.getAttribute("aria-label") || el.textContent)
}

function matchesAny(el: Element, selectors: string[]): boolean {
  return selectors.some((s) => {
    try {
      return el.matches(s)
    } catch {
      return false // An invalid selector in a served list must not break the others.
    }
  })
}

/**
 * Which commit action a click on `target` would start, or null. Accessible names win (they say
 * exactly which action); QA-hook selectors catch controls whose name is unknown.
 */
export function classifyClick(target: Element, list: SelectorList): { action: EditAction; control: Element } | null {
  const control = target.closest(list.clickable)
  if (!control || matchesAny(control, list.ignore)) return null
  const name = accessibleName(control)
  for (const rule of list.actions) if (rule.labels.some((l) => normalize(l) === name)) return { action: rule.action, control }
  for (const rule of list.actions) if (matchesAny(control, rule.css)) return { action: rule.action, control }
  return null
}

export interface KeyLike {
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  shiftKey: boolean
  code: string
}

/** QBO's save shortcuts (Ctrl+Alt+S/D/M; Alt+S on older forms). Option is `altKey` on macOS. */
export function classifyShortcut(e: KeyLike, list: SelectorList): EditAction | null {
  if (e.metaKey) return null
  const rule = list.shortcuts.find((s) => s.code === e.code && s.ctrl === e.ctrlKey && s.alt === e.altKey)
  return rule ? rule.action : null
}
