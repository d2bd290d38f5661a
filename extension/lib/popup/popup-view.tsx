import { useCallback, useEffect, useState } from "react"

import type { CompanySummary } from "../api/types"
import type { Ask } from "../messaging"
import { formatWhen } from "../overlay/model"
import { connectionLine, reconnectWarning } from "./labels"

type Load = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; companies: CompanySummary[] }

const styles = {
  body: { font: "13px/1.45 system-ui, sans-serif", color: "#1f2328", width: 420, padding: 12, margin: 0 },
  company: { borderTop: "1px solid #d0d7de", paddingTop: 8, marginTop: 8 },
  muted: { color: "#57606a" },
  problem: { borderBottom: "1px solid #eaeef2", padding: "6px 0" },
  row: { display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" as const },
  reason: { color: "#9a6700", fontSize: 12 },
  warning: { background: "#fff8c5", border: "1px solid #d4a72c", borderRadius: 6, padding: "6px 8px", margin: "4px 0" }
}

/** Shown above everything else in the company: a lapsed authorization stops every sync. */
export function ReconnectNotice({ company }: { company: Pick<CompanySummary, "connection"> }) {
  const warning = reconnectWarning(company)
  if (!warning) return null
  const [before] = warning.text.split(warning.url)
  return (
    <div role="alert" style={styles.warning} data-testid="reconnect-by">
      {before}
      <a href={warning.url} target="_blank" rel="noreferrer">
        {warning.url}
      </a>
      . {warning.why}
    </div>
  )
}

function Company({ company, ask, reload }: { company: CompanySummary; ask: Ask; reload: () => void }) {
  const [notice, setNotice] = useState<string | null>(null)
  const { requeue, syncNow } = company.actions
  const run = async (work: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) => {
    setNotice("Working…")
    const r = await work()
    setNotice(r.ok ? done : `Failed: ${r.error?.message}`)
    reload()
  }
  const failed = company.problems.filter((p) => p.state === "failed")
  return (
    <section style={styles.company} data-company-id={company.id} aria-label={company.name}>
      <h2 style={{ fontSize: 15, margin: "0 0 4px" }}>{company.name}</h2>
      <div data-testid="connection">{connectionLine(company)}</div>
      <ReconnectNotice company={company} />
      <div style={styles.muted}>
        Last sync: {company.lastSyncAt ? formatWhen(company.lastSyncAt) : "never"} · Next: {company.nextSyncAt ? formatWhen(company.nextSyncAt) : company.nextSyncNote}
      </div>
      <div data-testid="counts" style={{ margin: "4px 0" }}>
        {Object.entries(company.counts)
          .filter(([, n]) => n > 0)
          .map(([state, n]) => `${state} ${n}`)
          .join(" · ") || "No jobs yet"}
      </div>
      <div style={styles.row}>
        <button disabled={!requeue.allowed || failed.length === 0} title={requeue.reason} onClick={() => run(() => ask("requeue", { companyId: company.id, jobId: "all-failed" }), "Requeued all failed jobs.")}>
          Requeue all failed
        </button>
        {company.accountingSystem === "qbo" && (
          <button disabled={!syncNow.allowed} title={syncNow.reason} onClick={() => run(() => ask("sync-now", { companyId: company.id }), "Sync started.")}>
            Sync now
          </button>
        )}
      </div>
      {!requeue.allowed && <div style={styles.reason} data-testid="disabled-reason">{requeue.reason}</div>}
      {notice && <div role="status" data-testid="notice">{notice}</div>}
      <h3 style={{ fontSize: 13, margin: "8px 0 2px" }}>Failed and held ({company.problems.length}{company.moreProblems ? "+" : ""})</h3>
      {company.problems.length === 0 && <div style={styles.muted}>Nothing failed or held.</div>}
      {company.problems.map((p) => (
        <div key={p.id} style={styles.problem} data-job-id={p.id}>
          <div style={styles.row}>
            <strong>{p.type}</strong>
            <span>{p.record.docNumber ?? p.record.id}</span>
            <span style={styles.muted}>{p.state}</span>
            <button style={{ marginLeft: "auto" }} disabled={!requeue.allowed} title={requeue.reason} onClick={() => run(() => ask("requeue", { companyId: company.id, jobId: p.id }), `Requeued job ${p.id}.`)}>
              Requeue
            </button>
          </div>
          <div data-testid="job-message">{p.message}</div>
        </div>
      ))}
    </section>
  )
}

/** The toolbar popup: one section per company the token sees. */
export function PopupView({ ask }: { ask: Ask }) {
  const [load, setLoad] = useState<Load>({ state: "loading" })
  const reload = useCallback(() => {
    void ask("summary", {}).then((r) => setLoad(r.ok ? { state: "ready", companies: r.data.companies } : { state: "error", message: r.error.message }))
  }, [ask])
  useEffect(reload, [reload])
  return (
    <main style={styles.body}>
      <h1 style={{ fontSize: 16, margin: 0 }}>Sharper Sync</h1>
      {load.state === "loading" && <p>Loading…</p>}
      {load.state === "error" && (
        <p role="alert">
          {load.message} <a href="options.html" target="_blank">Options</a>
        </p>
      )}
      {load.state === "ready" && load.companies.length === 0 && <p>This token sees no companies.</p>}
      {load.state === "ready" && load.companies.map((c) => <Company key={c.id} company={c} ask={ask} reload={reload} />)}
    </main>
  )
}
