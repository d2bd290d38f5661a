import type { PlasmoMessaging } from "@plasmohq/messaging"

import type { Outcome, RecordStatus } from "~lib/api/types"
import { getRecordStatus } from "~lib/background/handlers"
import type { QboEntity } from "~lib/page/detect"

export type RequestBody = { entity: QboEntity; id: string; realmId: string | null }
export type ResponseBody = Outcome<RecordStatus>

const handler: PlasmoMessaging.MessageHandler<RequestBody, ResponseBody> = async (req, res) => {
  res.send(await getRecordStatus(req.body!, req.sender?.tab?.url))
}

export default handler
