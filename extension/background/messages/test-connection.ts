import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { CompanySummary, Outcome } from "~lib/api/types"
import { testConnection } from "~lib/background/handlers"
import type { Settings } from "~lib/storage"

export type RequestBody = Settings
export type ResponseBody = Outcome<{ companies: CompanySummary[] }>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (req, res) => {
  res.send(await testConnection(req.body!))
}

export default handler
