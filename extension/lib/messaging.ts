import { sendToBackground } from "@plasmohq/messaging"

import type * as Override from "~background/messages/override"
import type * as Requeue from "~background/messages/requeue"
import type * as Selectors from "~background/messages/selectors"
import type * as Status from "~background/messages/status"
import type * as Summary from "~background/messages/summary"
import type * as SyncNow from "~background/messages/sync-now"
import type * as TestConnection from "~background/messages/test-connection"

/** Every background handler with its request and response types: the only way to call them. */
interface Handlers {
  override: [Override.RequestBody, Override.ResponseBody]
  requeue: [Requeue.RequestBody, Requeue.ResponseBody]
  selectors: [Selectors.RequestBody, Selectors.ResponseBody]
  status: [Status.RequestBody, Status.ResponseBody]
  summary: [Summary.RequestBody, Summary.ResponseBody]
  "sync-now": [SyncNow.RequestBody, SyncNow.ResponseBody]
  "test-connection": [TestConnection.RequestBody, TestConnection.ResponseBody]
}

export type HandlerName = keyof Handlers

export function ask<N extends HandlerName>(name: N, body: Handlers[N][0]): Promise<Handlers[N][1]> {
  return sendToBackground<Handlers[N][0], Handlers[N][1]>({ name, body })
}

export type Ask = typeof ask
