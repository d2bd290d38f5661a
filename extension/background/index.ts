import { forgetCachedStatuses, refreshSelectors } from "~lib/background/handlers"
import { onSettingsChanged } from "~lib/storage"

/** Hourly: the Worker's selector list is fetched here, never on a page view. */
const SELECTOR_ALARM = "refresh-selectors"

chrome.runtime.onInstalled.addListener(() => void refreshSelectors())
chrome.runtime.onStartup.addListener(() => void refreshSelectors())
chrome.alarms.create(SELECTOR_ALARM, { periodInMinutes: 60 })
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SELECTOR_ALARM) void refreshSelectors()
})
onSettingsChanged(() => {
  forgetCachedStatuses()
  void refreshSelectors()
})
