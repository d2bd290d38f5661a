import { describe, expect, it } from "vitest"

import builtIn from "./qbo-selectors.json"
import { builtInSelectors, parseSelectorList } from "."
import { classifyShortcut } from "../intercept/classify"

describe("selector list", () => {
  it("bundles a valid list with every commit action", () => {
    expect(builtInSelectors.actions.map((a) => a.action).sort()).toEqual(["delete", "review_and_send", "save", "save_and_close", "save_and_new", "save_and_send", "void"])
  })

  it("rejects a malformed update instead of switching interception off", () => {
    expect(parseSelectorList(null)).toBeNull()
    expect(parseSelectorList({ ...builtIn, actions: [] })).toBeNull()
    expect(parseSelectorList({ ...builtIn, actions: [{ action: "print", labels: ["Print"], css: [] }] })).toBeNull()
    expect(parseSelectorList({ ...builtIn, shortcuts: [{ action: "save", code: "KeyS" }] })).toBeNull()
    expect(parseSelectorList({ ...builtIn, version: "next" })?.version).toBe("next")
  })

  it("maps QBO's save shortcuts by key code, not by the character Option produces", () => {
    const key = (code: string, ctrlKey: boolean, altKey: boolean) => ({ code, ctrlKey, altKey, metaKey: false, shiftKey: false })
    expect(classifyShortcut(key("KeyD", true, true), builtInSelectors)).toBe("save_and_close")
    expect(classifyShortcut(key("KeyS", true, true), builtInSelectors)).toBe("save_and_new")
    expect(classifyShortcut(key("KeyM", true, true), builtInSelectors)).toBe("save_and_send")
    expect(classifyShortcut(key("KeyS", false, true), builtInSelectors)).toBe("save")
    expect(classifyShortcut(key("KeyX", true, true), builtInSelectors)).toBeNull()
    expect(classifyShortcut(key("KeyS", true, false), builtInSelectors)).toBeNull()
  })
})
