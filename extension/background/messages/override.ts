import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { OverrideInput } from "~lib/api/client"
import type { Outcome } from "~lib/api/types"
import { recordOverride } from "~lib/background/handlers"

export type RequestBody = OverrideInput
export type ResponseBody = Outcome<{ id: number }>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (req, res) => {
  res.send(await recordOverride(req.body!))
}

export default handler
