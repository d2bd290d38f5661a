import { ApiError, createApiClient, type ApiClient, type OverrideInput } from "../api/client"
import { createTtlCache } from "../api/status-cache"
import type { CompanySummary, Outcome, RecordStatus, RequeueResult } from "../api/types"
import type { QboEntity } from "../page/detect"
import { parseSelectorList, type SelectorList } from "../selectors"
import { loadSettings, loadStoredSelectors, storeSelectors, type Settings } from "../storage"

/** Long enough to absorb QBO re-renders and back/forward; short enough that a requeue shows soon. */
export const STATUS_TTL_MS = 30_000
/** QBO cookie naming the open company (qbo-api.md §6.1, unconfirmed as stable). */
const REALM_COOKIE = "qbo.currentcompanyid"

const statusCache = createTtlCache<RecordStatus>({ ttlMs: STATUS_TTL_MS })

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await work() }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    console.error("Sharper Sync background error", error)
    return { ok: false, error: { code: "INTERNAL", message: (error as Error).message } }
  }
}

async function client(): Promise<ApiClient> {
  const settings = await loadSettings()
  if (!settings) throw new ApiError("NOT_CONFIGURED", "Set the Worker URL and your user token in the extension's options", 0)
  return createApiClient(settings)
}

async function realmFromCookie(tabUrl: string | undefined): Promise<string | null> {
  if (!tabUrl || !chrome.cookies) return null
  const cookie = await chrome.cookies.get({ url: tabUrl, name: REALM_COOKIE })
  return cookie && /^\d+$/.test(cookie.value) ? cookie.value : null
}

export function forgetCachedStatuses(): void {
  statusCache.clear()
}

/** One Worker request per record per TTL, shared by every tab asking at the same time. */
export async function getRecordStatus(q: { entity: QboEntity; id: string; realmId: string | null }, tabUrl?: string): Promise<Outcome<RecordStatus>> {
  return outcome(async () => {
    const api = await client()
    const realmId = q.realmId ?? (await realmFromCookie(tabUrl))
    return statusCache.get(`${realmId ?? ""}|${q.entity}|${q.id}`, () => api.status({ ...q, realmId }))
  })
}

export async function getSummary(): Promise<Outcome<{ companies: CompanySummary[] }>> {
  return outcome(async () => (await client()).summary())
}

export async function testConnection(settings: Settings): Promise<Outcome<{ companies: CompanySummary[] }>> {
  return outcome(() => createApiClient(settings).summary())
}

export async function recordOverride(input: OverrideInput): Promise<Outcome<{ id: number }>> {
  return outcome(async () => (await client()).recordOverride(input))
}

export async function requeue(companyId: string, jobId: number | "all-failed"): Promise<Outcome<RequeueResult>> {
  return outcome(async () => {
    const api = await client()
    const result = jobId === "all-failed" ? await api.requeueFailed(companyId) : await api.requeue(companyId, jobId)
    statusCache.clear()
    return result
  })
}

export async function syncNow(companyId: string): Promise<Outcome<unknown>> {
  return outcome(async () => {
    const result = await (await client()).syncNow(companyId)
    statusCache.clear()
    return result
  })
}

/** The stored list (fetched from the Worker by refreshSelectors), never a Worker call per page view. */
export async function getSelectors(): Promise<Outcome<SelectorList | null>> {
  return outcome(async () => parseSelectorList((await loadStoredSelectors())?.list))
}

/** Fetches the Worker's selector list; keeps the previous one when the new one is malformed. */
export async function refreshSelectors(now = Date.now()): Promise<void> {
  const settings = await loadSettings()
  if (!settings) return
  try {
    const list = await createApiClient(settings).selectors()
    if (parseSelectorList(list)) await storeSelectors(list, now)
    else console.warn("Sharper Sync: the Worker's selector list is malformed; keeping the previous one")
  } catch (error) {
    console.warn("Sharper Sync: could not refresh the selector list", error)
  }
}
