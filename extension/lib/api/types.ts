/** Shapes of the Worker's /v1/extension answers (worker/extension/*.ts). */
export interface DriftField {
  field: string
  sharper: unknown
  quickbooks: unknown
}

export type SyncState = "synced" | "pending" | "failed" | "held" | "edited_in_quickbooks"

export type RecordStatus =
  | { owned: false; reason: "not_in_sharper" | "other_company" | "not_connected" }
  | {
      owned: true
      company: { id: string; name: string }
      record: { kind: string; id: string; docNumber: string | null; name: string | null }
      sync: {
        state: SyncState
        at: string | null
        reason: string | null
        code: string | null
        jobId: number | null
        drift: { detectedAt: string; deleted: boolean; fields: DriftField[] } | null
      }
      openInSharperUrl: string | null
    }

export interface ReconnectBy {
  by: string
  daysLeft: number
  reason: "hard_maximum" | "refresh_window"
  /** Absolute once the API client has resolved it against the Worker URL. */
  url: string
}

export interface ActionPermission {
  allowed: boolean
  reason?: string
}

export interface CompanySummary {
  id: string
  name: string
  accountingSystem: "qbo" | "qbd" | "none"
  role: "viewer" | "operator" | null
  connection:
    | {
        target: "qbo"
        state: "connected" | "reconnect_needed" | "disconnected" | "not_connected"
        message: string | null
        realmId: string | null
        /** Set in the last 30 days before QuickBooks Online ends the saved authorization (worker/qbo/oauth/reconnect-by.ts). */
        reconnectBy?: ReconnectBy | null
      }
    | { target: "qbd"; lastContactAt: string | null; lastResult: string | null; known: boolean }
    | { target: "none" }
  lastSyncAt: string | null
  nextSyncAt: string | null
  nextSyncNote: string
  counts: Record<string, number>
  problems: { id: number; type: string; state: string; record: { kind: string; id: string; docNumber: string | null; name: string | null }; code: string | null; message: string | null; updatedAt: string }[]
  moreProblems: boolean
  actions: { requeue: ActionPermission; syncNow: ActionPermission }
}

export interface RequeueResult {
  requeued: number
  stillBlocked: { id: number; state: string; message: string | null }[]
}

/** What every background handler answers: the content script and popup never see exceptions. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } }
