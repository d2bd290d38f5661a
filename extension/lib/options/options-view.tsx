import { useEffect, useState } from "react"

import type { Ask } from "../messaging"
import { loadSettings, saveSettings } from "../storage"

const label = { display: "block", margin: "10px 0 2px", fontWeight: 600 } as const
const input = { width: "100%", maxWidth: 520, padding: 6, font: "inherit", boxSizing: "border-box" } as const

/** Worker URL and user token, stored in chrome.storage.local; "Test connection" lists the companies. */
export function OptionsView({ ask }: { ask: Ask }) {
  const [workerUrl, setWorkerUrl] = useState("")
  const [token, setToken] = useState("")
  const [result, setResult] = useState<{ ok: boolean; text: string; companies?: string[] } | null>(null)
  useEffect(() => {
    void loadSettings().then((s) => {
      if (s) {
        setWorkerUrl(s.workerUrl)
        setToken(s.token)
      }
    })
  }, [])
  const valid = /^https?:\/\/\S+$/.test(workerUrl.trim()) && token.trim().length > 0
  const save = async () => {
    await saveSettings({ workerUrl, token })
    setResult({ ok: true, text: "Saved." })
  }
  const test = async () => {
    setResult({ ok: true, text: "Testing…" })
    const r = await ask("test-connection", { workerUrl: workerUrl.trim().replace(/\/+$/, ""), token: token.trim() })
    if (!r.ok) return setResult({ ok: false, text: r.error.message })
    setResult({ ok: true, text: `Connected. This token sees ${r.data.companies.length} ${r.data.companies.length === 1 ? "company" : "companies"}:`, companies: r.data.companies.map((c) => `${c.name} (${c.role ?? "no role"})`) })
  }
  return (
    <main style={{ font: "14px/1.5 system-ui, sans-serif", padding: 20, maxWidth: 640 }}>
      <h1 style={{ fontSize: 20 }}>Sharper Sync: options</h1>
      <p>Your Sharper Sync Worker and your personal user token (from your Sharper administrator). They stay in this browser profile's extension storage; QuickBooks pages never see them.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}>
        <label style={label} htmlFor="worker-url">Worker URL</label>
        <input style={input} id="worker-url" type="url" placeholder="https://sync.example.com" value={workerUrl} onChange={(e) => setWorkerUrl(e.target.value)} />
        <label style={label} htmlFor="token">User token</label>
        <input style={input} id="token" type="password" autoComplete="off" placeholder="shp_usr_…" value={token} onChange={(e) => setToken(e.target.value)} />
        <div style={{ marginTop: 12, display: "flex", gap: 8 }}>
          <button type="submit" disabled={!valid}>Save</button>
          <button type="button" disabled={!valid} onClick={() => void test()}>Test connection</button>
        </div>
      </form>
      {result && (
        <div role={result.ok ? "status" : "alert"} data-testid="options-result" style={{ marginTop: 12, color: result.ok ? "#1a7f37" : "#cf222e" }}>
          {result.text}
          {result.companies && (
            <ul>
              {result.companies.map((c) => <li key={c}>{c}</li>)}
            </ul>
          )}
        </div>
      )}
    </main>
  )
}
