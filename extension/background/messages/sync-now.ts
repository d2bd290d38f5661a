import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { Outcome } from "~lib/api/types"
import { syncNow } from "~lib/background/handlers"

export type RequestBody = { companyId: string }
export type ResponseBody = Outcome<unknown>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (req, res) => {
  res.send(await syncNow(req.body!.companyId))
}

export default handler
