import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { Outcome } from "~lib/api/types"
import { getSelectors } from "~lib/background/handlers"
import type { SelectorList } from "~lib/selectors"

export type RequestBody = Record<string, never>
export type ResponseBody = Outcome<SelectorList | null>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (_req, res) => {
  res.send(await getSelectors())
}

export default handler
