import type { PlasmoCSConfig } from "plasmo"

import { startContentScript } from "~lib/content/controller"
import { ask } from "~lib/messaging"

export const config: PlasmoCSConfig = {
  matches: ["https://qbo.intuit.com/*", "https://*.qbo.intuit.com/*"],
  run_at: "document_start",
  all_frames: false
}

startContentScript({ win: window, ask })
