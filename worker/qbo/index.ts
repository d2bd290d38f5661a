export { startConnect, callbackPath } from './oauth/start';
export { completeConnect, type CallbackInput } from './oauth/callback';
export { disconnect } from './oauth/disconnect';
export { runQboSync, syncCompany, type CompanySyncResult } from './sync/run';
export { syncNow } from './sync-now';
export { qboStatus } from './status';
export { listDrift, restoreDrift, acknowledgeDrift, driftView, type DriftView } from './drift/manage';
export { receiveWebhook, type WebhookReceipt } from './webhooks/receive';
