import builtIn from "./qbo-selectors.json"

/** What the accountant was about to do; the same names the Worker stores for an override. */
export const editActions = ["save", "save_and_close", "save_and_new", "save_and_send", "review_and_send", "delete", "void"] as const
export type EditAction = (typeof editActions)[number]

export interface ActionRule {
  action: EditAction
  /** Exact accessible names (aria-label or visible text), compared case- and space-insensitively. */
  labels: string[]
  /** QA hooks and ids for controls whose label is unknown (icon-only or another language). */
  css: string[]
}

export interface ShortcutRule {
  action: EditAction
  ctrl: boolean
  alt: boolean
  /** `KeyboardEvent.code`: Option changes `key` on macOS but not `code`. */
  code: string
}

export interface SelectorList {
  version: string
  actions: ActionRule[]
  clickable: string
  ignore: string[]
  formRoots: string[]
  shortcuts: ShortcutRule[]
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string")
const isAction = (v: unknown): v is EditAction => typeof v === "string" && (editActions as readonly string[]).includes(v)

/**
 * Checks a list (the Worker's, or the stored copy) before it is used: a malformed update must not
 * switch interception off, so anything that fails here is ignored in favour of the built-in list.
 */
export function parseSelectorList(value: unknown): SelectorList | null {
  if (typeof value !== "object" || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.version !== "string" || typeof v.clickable !== "string" || !isStrings(v.ignore) || !isStrings(v.formRoots)) return null
  if (!Array.isArray(v.actions) || v.actions.length === 0 || !Array.isArray(v.shortcuts)) return null
  const actions: ActionRule[] = []
  for (const a of v.actions as Record<string, unknown>[]) {
    if (!a || !isAction(a.action) || !isStrings(a.labels) || !isStrings(a.css)) return null
    actions.push({ action: a.action, labels: a.labels, css: a.css })
  }
  const shortcuts: ShortcutRule[] = []
  for (const s of v.shortcuts as Record<string, unknown>[]) {
    if (!s || !isAction(s.action) || typeof s.ctrl !== "boolean" || typeof s.alt !== "boolean" || typeof s.code !== "string") return null
    shortcuts.push({ action: s.action, ctrl: s.ctrl, alt: s.alt, code: s.code })
  }
  return { version: v.version, actions, clickable: v.clickable, ignore: v.ignore, formRoots: v.formRoots, shortcuts }
}

/** The list bundled with this build: used until (and unless) the Worker serves a valid one. */
export const builtInSelectors: SelectorList = parseSelectorList(builtIn) as SelectorList
