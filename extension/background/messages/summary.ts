import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { CompanySummary, Outcome } from "~lib/api/types"
import { getSummary } from "~lib/background/handlers"

export type RequestBody = Record<string, never>
export type ResponseBody = Outcome<{ companies: CompanySummary[] }>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (_req, res) => {
  res.send(await getSummary())
}

export default handler
