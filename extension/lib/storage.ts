/** The extension's own storage (chrome.storage.local): never page context, never synced off the device. */
export interface Settings {
  workerUrl: string
  token: string
}

const SETTINGS = "settings"
const SELECTORS = "selectors"

export async function loadSettings(): Promise<Settings | null> {
  const got = await chrome.storage.local.get(SETTINGS)
  const s = got[SETTINGS] as Partial<Settings> | undefined
  return s?.workerUrl && s.token ? { workerUrl: s.workerUrl, token: s.token } : null
}

export async function saveSettings(s: Settings): Promise<void> {
  await chrome.storage.local.set({ [SETTINGS]: { workerUrl: s.workerUrl.trim().replace(/\/+$/, ""), token: s.token.trim() } })
}

export async function loadStoredSelectors(): Promise<{ list: unknown; fetchedAt: number } | null> {
  const got = await chrome.storage.local.get(SELECTORS)
  return (got[SELECTORS] as { list: unknown; fetchedAt: number } | undefined) ?? null
}

export async function storeSelectors(list: unknown, fetchedAt: number): Promise<void> {
  await chrome.storage.local.set({ [SELECTORS]: { list, fetchedAt } })
}

export function onSettingsChanged(fn: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && SETTINGS in changes) fn()
  })
}
