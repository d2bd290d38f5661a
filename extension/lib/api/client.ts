import type { EditAction } from "../selectors"
import type { QboEntity } from "../page/detect"
import type { CompanySummary, RecordStatus, RequeueResult } from "./types"

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = "ApiError"
  }
}

export interface ApiClientOptions {
  workerUrl: string
  token: string
  fetch?: typeof fetch
}

export interface OverrideInput {
  entity: QboEntity
  id: string
  realmId?: string
  action: EditAction
  via: "click" | "shortcut"
  pagePath?: string
}

/** A Worker without a registered redirect URI sends its reconnect link relative to itself; the popup is not on the Worker's origin. */
export function withAbsoluteReconnectUrl(c: CompanySummary, base: string): CompanySummary {
  const conn = c.connection
  if (conn.target !== "qbo" || !conn.reconnectBy || /^https?:\/\//.test(conn.reconnectBy.url)) return c
  return { ...c, connection: { ...conn, reconnectBy: { ...conn.reconnectBy, url: new URL(conn.reconnectBy.url, `${base}/`).href } } }
}

/** The Worker's extension API. Only the background calls it, so the token never reaches a page. */
export function createApiClient(o: ApiClientOptions) {
  const base = o.workerUrl.replace(/\/+$/, "")
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init))
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${o.token}`, ...(body !== undefined && { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
    } catch (error) {
      throw new ApiError("NETWORK", `Could not reach the Sharper Sync Worker at ${base}: ${(error as Error).message}`, 0)
    }
    const text = await res.text()
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      throw new ApiError("BAD_RESPONSE", `The Worker answered ${res.status} with something that is not JSON`, res.status)
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | null)?.error
      throw new ApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? `The Worker answered ${res.status}`, res.status)
    }
    return json as T
  }
  const companyPath = (companyId: string) => `/v1/extension/companies/${encodeURIComponent(companyId)}`
  return {
    status: (q: { entity: QboEntity; id: string; realmId: string | null }) => {
      const params = new URLSearchParams({ entity: q.entity, id: q.id, ...(q.realmId && { realmId: q.realmId }) })
      return call<RecordStatus>("GET", `/v1/extension/status?${params}`)
    },
    summary: async () => {
      const answer = await call<{ companies: CompanySummary[] }>("GET", "/v1/extension/summary")
      return { companies: answer.companies.map((c) => withAbsoluteReconnectUrl(c, base)) }
    },
    selectors: () => call<unknown>("GET", "/v1/extension/selectors"),
    recordOverride: (input: OverrideInput) => call<{ id: number }>("POST", "/v1/extension/overrides", input),
    requeue: (companyId: string, jobId: number) => call<RequeueResult>("POST", `${companyPath(companyId)}/jobs/${jobId}/requeue`),
    requeueFailed: (companyId: string) => call<RequeueResult>("POST", `${companyPath(companyId)}/jobs/requeue-failed`),
    syncNow: (companyId: string) => call<unknown>("POST", `${companyPath(companyId)}/sync`)
  }
}
export type ApiClient = ReturnType<typeof createApiClient>
