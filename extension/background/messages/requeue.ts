import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { Outcome, RequeueResult } from "~lib/api/types"
import { requeue } from "~lib/background/handlers"

export type RequestBody = { companyId: string; jobId: number | "all-failed" }
export type ResponseBody = Outcome<RequeueResult>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (req, res) => {
  res.send(await requeue(req.body!.companyId, req.body!.jobId))
}

export default handler
